package io.poolscope.bench;

import oracle.ucp.admin.UniversalConnectionPoolManagerImpl;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.PoolDataSourceFactory;

import javax.sql.DataSource;

/**
 * Oracle UCP over H2's {@code JdbcDataSource} (the Oracle driver rides along: UCP needs its
 * classes). Its own leak detection is {@code abandonedConnectionTimeout}, which times every
 * borrowed connection and reclaims it; it takes no stack.
 */
final class UcpLibrary implements PoolLibrary {

    private static final String NAME = "bench";

    @Override
    public String name() {
        return "ucp";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) throws Exception {
        PoolDataSource pool = PoolDataSourceFactory.getPoolDataSource();
        pool.setConnectionFactoryClassName(database == Database.H2 ? "org.h2.jdbcx.JdbcDataSource" : "org.postgresql.ds.PGSimpleDataSource");
        pool.setURL(database.url());
        pool.setUser(database.user());
        pool.setPassword(database.password());
        pool.setConnectionPoolName(NAME);
        pool.setInitialPoolSize(size);
        pool.setMinPoolSize(size);
        pool.setMaxPoolSize(size);
        if (ownLeakDetection) {
            pool.setAbandonedConnectionTimeout(NEVER_SECONDS);
        }
        return pool;
    }

    @Override
    public void close(DataSource pool) throws Exception {
        UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager()
                .destroyConnectionPool(((PoolDataSource) pool).getConnectionPoolName());
    }
}
