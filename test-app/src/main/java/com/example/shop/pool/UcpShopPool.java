package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import oracle.ucp.admin.UniversalConnectionPoolManagerImpl;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.PoolDataSourceFactory;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Oracle UCP over H2's {@code JdbcDataSource}: UCP pools any driver's data source (it needs the
 * Oracle driver's classes on the class path even then). Its wait is {@code connectionWaitDuration}.
 */
final class UcpShopPool implements ShopPool {

    private final PoolDataSource pool = PoolDataSourceFactory.getPoolDataSource();

    UcpShopPool(ShopSettings settings) throws SQLException {
        pool.setConnectionFactoryClassName("org.h2.jdbcx.JdbcDataSource");
        pool.setURL(settings.jdbcUrl());
        pool.setUser("sa");
        pool.setPassword("");
        pool.setConnectionPoolName(POOL_NAME);
        pool.setInitialPoolSize(settings.poolSize());
        pool.setMinPoolSize(settings.poolSize());
        pool.setMaxPoolSize(settings.poolSize());
        pool.setConnectionWaitDuration(settings.connectionTimeout());
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() {
        try {
            return pool.getBorrowedConnectionsCount();
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager().destroyConnectionPool(POOL_NAME);
    }
}
