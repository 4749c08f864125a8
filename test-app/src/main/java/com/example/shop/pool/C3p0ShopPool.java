package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import com.mchange.v2.c3p0.ComboPooledDataSource;

import javax.sql.DataSource;

final class C3p0ShopPool implements ShopPool {

    private final ComboPooledDataSource pool = new ComboPooledDataSource();

    C3p0ShopPool(ShopSettings settings) {
        pool.setDataSourceName(POOL_NAME);
        pool.setJdbcUrl(settings.jdbcUrl());
        pool.setUser("sa");
        pool.setPassword("");
        pool.setMaxPoolSize(settings.poolSize());
        pool.setMinPoolSize(settings.poolSize());
        pool.setInitialPoolSize(settings.poolSize());
        pool.setCheckoutTimeout((int) settings.connectionTimeout().toMillis());
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() throws Exception {
        return pool.getNumBusyConnectionsDefaultUser();
    }

    @Override
    public void close() {
        pool.close();
    }
}
