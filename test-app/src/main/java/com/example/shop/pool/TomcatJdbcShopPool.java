package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import org.apache.tomcat.jdbc.pool.PoolProperties;

import javax.sql.DataSource;

final class TomcatJdbcShopPool implements ShopPool {

    private final org.apache.tomcat.jdbc.pool.DataSource pool;

    TomcatJdbcShopPool(ShopSettings settings) {
        PoolProperties properties = new PoolProperties();
        properties.setName(POOL_NAME);
        properties.setUrl(settings.jdbcUrl());
        properties.setDriverClassName("org.h2.Driver");
        properties.setUsername("sa");
        properties.setPassword("");
        properties.setMaxActive(settings.poolSize());
        properties.setMaxIdle(settings.poolSize());
        properties.setMinIdle(settings.poolSize());
        properties.setInitialSize(settings.poolSize());
        properties.setMaxWait((int) settings.connectionTimeout().toMillis());
        pool = new org.apache.tomcat.jdbc.pool.DataSource(properties);
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
    public void close() {
        pool.close();
    }
}
