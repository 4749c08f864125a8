package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import org.vibur.dbcp.ViburDBCPDataSource;

import javax.sql.DataSource;

final class ViburShopPool implements ShopPool {

    private final ViburDBCPDataSource pool = new ViburDBCPDataSource();

    ViburShopPool(ShopSettings settings) {
        pool.setName(POOL_NAME);
        pool.setJdbcUrl(settings.jdbcUrl());
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setPoolInitialSize(settings.poolSize());
        pool.setPoolMaxSize(settings.poolSize());
        pool.setConnectionTimeoutInMs(settings.connectionTimeout().toMillis());
        pool.start();
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() {
        return pool.getPool().taken();
    }

    @Override
    public void close() {
        pool.close();
    }
}
