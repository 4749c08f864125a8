package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import org.apache.commons.dbcp2.BasicDataSource;

import javax.sql.DataSource;

final class Dbcp2ShopPool implements ShopPool {

    private final BasicDataSource pool = new BasicDataSource();

    Dbcp2ShopPool(ShopSettings settings) {
        pool.setUrl(settings.jdbcUrl());
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(settings.poolSize());
        pool.setInitialSize(settings.poolSize());
        pool.setMaxWait(settings.connectionTimeout());
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() {
        return pool.getNumActive();
    }

    @Override
    public void close() throws Exception {
        pool.close();
    }
}
