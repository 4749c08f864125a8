package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import org.apache.tomcat.dbcp.dbcp2.BasicDataSource;

import javax.sql.DataSource;

/** Tomcat's renamed copy of Commons DBCP2 ({@code org.apache.tomcat.dbcp.dbcp2}), as a Tomcat resource gets it. */
final class TomcatDbcpShopPool implements ShopPool {

    private final BasicDataSource pool = new BasicDataSource();

    TomcatDbcpShopPool(ShopSettings settings) {
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
