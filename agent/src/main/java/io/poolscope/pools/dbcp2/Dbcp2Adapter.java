package io.poolscope.pools.dbcp2;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache Commons DBCP2 ({@code org.apache.commons.dbcp2} over commons-pool2) and Tomcat's renamed
 * copy of it ({@code org.apache.tomcat.dbcp.dbcp2} over {@code org.apache.tomcat.dbcp.pool2}): the
 * same classes and methods under another package prefix, so one adapter class serves both, one
 * instance per prefix ({@link #commons()}, {@link #tomcat()}), with the same advice.
 *
 * <p>The pool object is the {@code BasicDataSource}: it is the one object of a pool that exists
 * from the first {@code getConnection}, also when the database refuses every connection (the
 * data source then never builds its {@code GenericObjectPool}: its first physical connection is
 * opened to validate the factory, and a refusal ends {@code getConnection} there). A physical
 * connection is identified by its {@code PoolableConnection}, which the pool reuses for every lease
 * of that connection; the application holds a new {@code PoolGuardConnectionWrapper} per lease.
 * Shape of the test kit: {@code PoolShapes.SplitObjects} (acquire on the data source, release on
 * the connection object), the lease reported inside the acquire without naming the pool.
 * <ul>
 *   <li>acquire: {@code BasicDataSource.getConnection()}; it starts the pool on its first call and
 *       waits in {@code GenericObjectPool.borrowObject}. Its timeout is an {@code SQLException}
 *       "Cannot get a connection, pool error Timeout waiting for idle object..." caused by a
 *       {@code NoSuchElementException};</li>
 *   <li>lease: the constructor of {@code PoolingDataSource$PoolGuardConnectionWrapper}, called with the
 *       borrowed {@code PoolableConnection} once per successful borrow, on the acquiring thread;</li>
 *   <li>release: {@code PoolableConnection.close()}, entered before it returns the connection to the
 *       pool (so no other thread can have borrowed it yet). A connection found broken there is
 *       invalidated by the pool after the holder gave it back: its lease ends as a release;</li>
 *   <li>closed by the pool: {@code PoolableConnection.reallyClose()}, which destroying a pooled
 *       connection calls (eviction, an invalidated connection, {@code BasicDataSource.close()});
 *       a connection still out ends there, counted apart;</li>
 *   <li>reclaim: {@code GenericObjectPool.invalidateObject(obj, DestroyMode.ABANDONED)}, which
 *       {@code removeAbandoned} (removeAbandonedOnBorrow / removeAbandonedOnMaintenance) calls for
 *       each abandoned connection: the lease ends there, once, as reclaimed. The pool then aborts
 *       the physical connection without {@code reallyClose}. Over commons-pool2 before 2.9 (what
 *       DBCP2 2.7 and 2.8 depend on) there is no {@code DestroyMode}: removeAbandoned calls {@code invalidateObject(obj)},
 *       which destroys the connection through {@code reallyClose}, so its lease ends as closed by the
 *       pool, not as reclaimed;</li>
 *   <li>creation: {@code PoolableConnectionFactory.makeObject()}, which knows no data source: it
 *       reports no pool, and counts for the acquire open on its thread (every creation of a pool
 *       with minIdle 0, and the validation and initialSize connections the first
 *       {@code getConnection} opens). Connections the evictor opens to keep minIdle are not counted.</li>
 * </ul>
 * Not measured: {@code BasicManagedDataSource} (its connections are {@code ManagedConnection}s shared
 * by a transaction: left out, see {@link #excludedPoolClassNames()}), a {@code PoolingDataSource} or
 * {@code PoolingDriver} set up without a {@code BasicDataSource}, and the {@code datasources}
 * package's per-user pools.
 */
public final class Dbcp2Adapter extends DeclaredAdapter {

    private final String managedDataSource;

    private Dbcp2Adapter(String dbcp, Hook reclaim, String library, String namePrefix, String supportedVersions,
                         List<String> framePrefixes) {
        this(dbcp, hooks(dbcp, reclaim), new Dbcp2Introspector(library, namePrefix, framePrefixes), supportedVersions);
    }

    private Dbcp2Adapter(String dbcp, List<Hook> hooks, PoolIntrospector introspector, String supportedVersions) {
        super(Collections.singletonList(dbcp + ".BasicDataSource"), hooks, Shape.of(hooks) /* the advice reads no field */,
                introspector, supportedVersions);
        this.managedDataSource = dbcp + ".managed.BasicManagedDataSource";
    }

    private static List<Hook> hooks(String dbcp, Hook reclaim) {
        return Collections.unmodifiableList(Arrays.asList(
                new Hook(dbcp + ".BasicDataSource", "getConnection", 0, Dbcp2AcquireAdvice.class),
                new Hook(dbcp + ".PoolingDataSource$PoolGuardConnectionWrapper",
                        // an inner class: the outer PoolingDataSource, then the borrowed connection
                        isConstructor().and(takesArguments(2)).and(takesArgument(1, named("java.sql.Connection"))),
                        Dbcp2LeaseAdvice.class),
                new Hook(dbcp + ".PoolableConnection", "close", 0, Dbcp2ReleaseAdvice.class),
                new Hook(dbcp + ".PoolableConnection", "reallyClose", 0, Dbcp2CloseAdvice.class),
                reclaim,
                new Hook(dbcp + ".PoolableConnectionFactory", "makeObject", 0, Dbcp2CreateAdvice.class)));
    }

    private static Hook reclaim(String pool) {
        return new Hook(pool + ".impl.GenericObjectPool", "invalidateObject", 2, Dbcp2ReclaimAdvice.class);
    }

    /**
     * Apache Commons DBCP2 2.7 to 2.14 on commons-pool2 2.7 to 2.13. The reclaim hook is optional:
     * commons-pool2 before 2.9 has no {@code DestroyMode}, and a connection it reclaims ends in reallyClose.
     */
    public static Dbcp2Adapter commons() {
        return new Dbcp2Adapter("org.apache.commons.dbcp2", reclaim("org.apache.commons.pool2").optional(), "DBCP2",
                "dbcp2", "2.7-2.14", Arrays.asList("org.apache.commons.dbcp2.", "org.apache.commons.pool2."));
    }

    /** Tomcat's copy of DBCP2 ({@code tomcat-dbcp}, and Tomcat's own lib/tomcat-dbcp.jar) of Tomcat 9, 10.1 and 11. */
    public static Dbcp2Adapter tomcat() {
        return new Dbcp2Adapter("org.apache.tomcat.dbcp.dbcp2", reclaim("org.apache.tomcat.dbcp.pool2"), "Tomcat DBCP",
                "tomcat-dbcp", "9.0-11.0", Collections.singletonList("org.apache.tomcat.dbcp."));
    }

    /** A managed data source runs {@code BasicDataSource.getConnection} but hands out no guard wrapper. */
    @Override
    public List<String> excludedPoolClassNames() {
        return Collections.singletonList(managedDataSource);
    }
}
