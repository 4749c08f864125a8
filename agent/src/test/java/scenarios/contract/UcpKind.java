package scenarios.contract;

import oracle.ucp.admin.UniversalConnectionPoolManagerImpl;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.PoolDataSourceFactory;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * Oracle UCP 23.x over H2's {@code JdbcDataSource} as its connection factory. UCP has no "wait
 * forever" (a wait of 0 means "do not wait"), so it runs no wait-forever scenario.
 */
public final class UcpKind extends PoolKind {

    @Override
    public DataSource open(Settings settings) throws Exception {
        PoolDataSource pool = PoolDataSourceFactory.getPoolDataSource();
        pool.setConnectionFactoryClassName("org.h2.jdbcx.JdbcDataSource");
        pool.setURL(settings.url);
        pool.setUser(settings.user);
        pool.setPassword(settings.password);
        pool.setConnectionPoolName(settings.name);
        pool.setInitialPoolSize(0);
        pool.setMinPoolSize(0);
        pool.setMaxPoolSize(settings.maxConnections);
        pool.setConnectionWaitDuration(Duration.ofMillis(settings.acquireTimeoutMillis));
        if (settings.reclaimAfterSeconds > 0) {
            pool.setAbandonedConnectionTimeout(settings.reclaimAfterSeconds);
            pool.setTimeoutCheckInterval(1); // the check runs every 30 s by default
        }
        return pool;
    }

    @Override
    public void close(DataSource pool) throws Exception {
        UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager()
                .destroyConnectionPool(((PoolDataSource) pool).getConnectionPoolName());
    }

    @Override
    public int activeConnections(DataSource pool) throws Exception {
        return ((PoolDataSource) pool).getBorrowedConnectionsCount();
    }
}
