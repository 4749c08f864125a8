package io.poolscope.it;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every (pool library, version) the contract suite runs. Adding a version is one line here (and its
 * jars in the pom's {@code it-libs}, under the folder named here); adding a pool is one line here
 * plus its adapter package and a {@code scenarios.contract.<Kind>Kind}.
 *
 * <p>{@code make test} runs the newest version of each library; {@code make test-matrix}
 * ({@code -Dpoolscope.matrix=full}) runs every line.
 */
final class PoolMatrix {

    /** What a pool can do beyond the common contract. */
    enum Feature {
        /** It takes back connections held too long (abandoned-connection removal). */
        RECLAIMS,
        /**
         * It takes back connections held too long, but in a way poolscope cannot tell from the pool
         * closing a connection that is out (e.g. DBCP2 before commons-pool2 2.9).
         */
        RECLAIMS_AS_CLOSE,
        /** It can be set to wait forever for a connection. */
        WAITS_FOREVER,
        /**
         * Not a pool: a data source seen through the generic fallback (run with {@code generic=on}). It
         * has no maximum, counters, wait or timeout of its own, and opens connections unseen: the
         * contract skips what needs those, and the timeout scenario.
         */
        GENERIC
    }

    static final class Entry {
        final String kind;
        final String libs;
        final boolean newest;
        final String library;
        final String expectedName;
        final String timeoutException;
        final Set<Feature> features;

        Entry(String kind, String libs, boolean newest, String library, String expectedName, String timeoutException,
              Feature... features) {
            this.kind = kind;
            this.libs = libs;
            this.newest = newest;
            this.library = library;
            this.expectedName = expectedName;
            this.timeoutException = timeoutException;
            this.features = features.length == 0 ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(Arrays.asList(features));
        }

        @Override
        public String toString() {
            return libs;
        }
    }

    private static final boolean NEWEST = true;
    private static final boolean OLDER = false;

    static final List<Entry> ALL = Collections.unmodifiableList(Arrays.asList(
            new Entry("Hikari", "hikari-2", OLDER, "HikariCP", "contract-pool", "java.sql.SQLTransientConnectionException",
                    Feature.WAITS_FOREVER),
            new Entry("Hikari", "hikari-3", OLDER, "HikariCP", "contract-pool", "java.sql.SQLTransientConnectionException",
                    Feature.WAITS_FOREVER),
            new Entry("Hikari", "hikari-4", OLDER, "HikariCP", "contract-pool", "java.sql.SQLTransientConnectionException",
                    Feature.WAITS_FOREVER),
            new Entry("Hikari", "hikari-5", OLDER, "HikariCP", "contract-pool", "java.sql.SQLTransientConnectionException",
                    Feature.WAITS_FOREVER),
            new Entry("Hikari", "hikari-6", OLDER, "HikariCP", "contract-pool", "java.sql.SQLTransientConnectionException",
                    Feature.WAITS_FOREVER),
            new Entry("Hikari", "hikari-7", NEWEST, "HikariCP", "contract-pool", "java.sql.SQLTransientConnectionException",
                    Feature.WAITS_FOREVER),
            new Entry("Dbcp2", "dbcp2-2.7", OLDER, "DBCP2", "dbcp2:jdbc:h2:mem:contract", "java.sql.SQLException",
                    Feature.RECLAIMS_AS_CLOSE, Feature.WAITS_FOREVER),
            new Entry("Dbcp2", "dbcp2-2.9", OLDER, "DBCP2", "dbcp2:jdbc:h2:mem:contract", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Dbcp2", "dbcp2-2.14", NEWEST, "DBCP2", "dbcp2:jdbc:h2:mem:contract", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("TomcatDbcp", "tomcat-dbcp-9", OLDER, "Tomcat DBCP", "tomcat-dbcp:jdbc:h2:mem:contract",
                    "java.sql.SQLException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("TomcatDbcp", "tomcat-dbcp-10.1", OLDER, "Tomcat DBCP", "tomcat-dbcp:jdbc:h2:mem:contract",
                    "java.sql.SQLException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("TomcatDbcp", "tomcat-dbcp-11", NEWEST, "Tomcat DBCP", "tomcat-dbcp:jdbc:h2:mem:contract",
                    "java.sql.SQLException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Ucp", "ucp-23.6", OLDER, "Oracle UCP", "contract-pool", "java.sql.SQLException", Feature.RECLAIMS),
            new Entry("Ucp", "ucp-23.26", NEWEST, "Oracle UCP", "contract-pool", "java.sql.SQLException", Feature.RECLAIMS),
            new Entry("Generic", "common", NEWEST, "generic", "generic:JdbcDataSource:jdbc:h2:mem:contract", "none",
                    Feature.GENERIC),
            new Entry("TomcatJdbc", "tomcat-jdbc-8.5", OLDER, "Tomcat JDBC", "contract-pool",
                    "org.apache.tomcat.jdbc.pool.PoolExhaustedException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("TomcatJdbc", "tomcat-jdbc-9", OLDER, "Tomcat JDBC", "contract-pool",
                    "org.apache.tomcat.jdbc.pool.PoolExhaustedException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("TomcatJdbc", "tomcat-jdbc-10.1", OLDER, "Tomcat JDBC", "contract-pool",
                    "org.apache.tomcat.jdbc.pool.PoolExhaustedException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("TomcatJdbc", "tomcat-jdbc-11", NEWEST, "Tomcat JDBC", "contract-pool",
                    "org.apache.tomcat.jdbc.pool.PoolExhaustedException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Vibur", "vibur-22", OLDER, "Vibur DBCP", "contract-pool", "java.sql.SQLTimeoutException",
                    Feature.WAITS_FOREVER),
            new Entry("Vibur", "vibur-25", OLDER, "Vibur DBCP", "contract-pool", "java.sql.SQLTimeoutException",
                    Feature.WAITS_FOREVER),
            new Entry("Vibur", "vibur-26", NEWEST, "Vibur DBCP", "contract-pool", "java.sql.SQLTimeoutException",
                    Feature.WAITS_FOREVER),
            new Entry("C3p0", "c3p0-0.9.5", OLDER, "c3p0", "contract-pool", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("C3p0", "c3p0-0.10", OLDER, "c3p0", "contract-pool", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("C3p0", "c3p0-0.14", NEWEST, "c3p0", "contract-pool", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("H2Pool", "h2-2.2", OLDER, "H2", "h2:jdbc:h2:mem:contract", "java.sql.SQLException"),
            new Entry("H2Pool", "h2-2.3", NEWEST, "H2", "h2:jdbc:h2:mem:contract", "java.sql.SQLException"),
            new Entry("Agroal", "agroal-1", OLDER, "Agroal", "agroal:jdbc:h2:mem:contract", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Agroal", "agroal-2", OLDER, "Agroal", "agroal:jdbc:h2:mem:contract", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Agroal", "agroal-3", NEWEST, "Agroal", "agroal:jdbc:h2:mem:contract", "java.sql.SQLException",
                    Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Druid", "druid-1.1", OLDER, "Druid", "contract-pool",
                    "com.alibaba.druid.pool.GetConnectionTimeoutException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Druid", "druid-1.2.8", OLDER, "Druid", "contract-pool",
                    "com.alibaba.druid.pool.GetConnectionTimeoutException", Feature.RECLAIMS, Feature.WAITS_FOREVER),
            new Entry("Druid", "druid-1.2.28", NEWEST, "Druid", "contract-pool",
                    "com.alibaba.druid.pool.GetConnectionTimeoutException", Feature.RECLAIMS, Feature.WAITS_FOREVER)));

    private PoolMatrix() {
    }

    /**
     * The entries this run covers: all with {@code -Dpoolscope.matrix=full}, else the newest of each
     * library; {@code -Dpoolscope.pools=Dbcp2,C3p0} keeps only those kinds.
     */
    static List<Entry> selected() {
        boolean full = "full".equals(System.getProperty("poolscope.matrix"));
        String only = System.getProperty("poolscope.pools", "");
        List<String> kinds = only.isEmpty() ? null : Arrays.asList(only.split(","));
        return ALL.stream().filter(e -> full || e.newest).filter(e -> kinds == null || kinds.contains(e.kind))
                .collect(Collectors.toList());
    }

    static List<Entry> selected(Feature feature) {
        return selected().stream().filter(e -> e.features.contains(feature)).collect(Collectors.toList());
    }

    static List<Entry> selectedWithout(Feature feature) {
        return selected().stream().filter(e -> !e.features.contains(feature)).collect(Collectors.toList());
    }
}
