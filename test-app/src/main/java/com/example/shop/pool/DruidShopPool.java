package com.example.shop.pool;

import com.alibaba.druid.pool.DruidDataSource;
import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;

import javax.sql.DataSource;

final class DruidShopPool implements ShopPool {

    private final DruidDataSource pool = new DruidDataSource();

    DruidShopPool(ShopSettings settings) throws Exception {
        pool.setName(POOL_NAME);
        pool.setUrl(settings.jdbcUrl());
        pool.setUsername("sa");
        pool.setPassword("");
        pool.setMaxActive(settings.poolSize());
        pool.setMinIdle(settings.poolSize());
        pool.setInitialSize(settings.poolSize());
        pool.setMaxWait(settings.connectionTimeout().toMillis());
        pool.init();
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() {
        return pool.getActiveCount();
    }

    @Override
    public void close() {
        pool.close();
    }
}
