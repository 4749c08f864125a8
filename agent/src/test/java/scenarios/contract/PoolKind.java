package scenarios.contract;

import javax.sql.DataSource;

/**
 * How the contract application builds one pool library's pool. One small class per library in
 * this package, named {@code <Library>Kind}, compiled against the newest version the project
 * tests; it must only use the library's API that every tested version has.
 */
public abstract class PoolKind {

    /** What the scenario asks of the pool. */
    public static final class Settings {
        /** The pool's own name, for pools that take one. */
        public final String name;
        public final String url;
        public final String user = "sa";
        public final String password = ContractApp.PASSWORD;
        public final int maxConnections;
        /** How long an acquire may wait; 0 means the pool's "wait forever" setting. */
        public final long acquireTimeoutMillis;
        /** When above 0, the pool takes back connections held longer than this many seconds. */
        public final int reclaimAfterSeconds;

        Settings(String url, int maxConnections, long acquireTimeoutMillis, int reclaimAfterSeconds) {
            this(ContractApp.POOL_NAME, url, maxConnections, acquireTimeoutMillis, reclaimAfterSeconds);
        }

        Settings(String name, String url, int maxConnections, long acquireTimeoutMillis, int reclaimAfterSeconds) {
            this.name = name;
            this.url = url;
            this.maxConnections = maxConnections;
            this.acquireTimeoutMillis = acquireTimeoutMillis;
            this.reclaimAfterSeconds = reclaimAfterSeconds;
        }
    }

    /** A pool of at most {@code settings.maxConnections}, started; it must not fail when the database refuses. */
    public abstract DataSource open(Settings settings) throws Exception;

    /** Shuts the pool down. */
    public abstract void close(DataSource pool) throws Exception;

    /** The pool's own count of connections out, as the application would read it. */
    public abstract int activeConnections(DataSource pool) throws Exception;
}
