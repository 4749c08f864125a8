package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;

/** H2's own small pool: no name (poolscope names it after the URL), a timeout in whole seconds. */
final class H2ShopPool implements ShopPool {

    private final JdbcConnectionPool pool;

    H2ShopPool(ShopSettings settings) {
        pool = JdbcConnectionPool.create(settings.jdbcUrl(), "sa", "");
        pool.setMaxConnections(settings.poolSize());
        pool.setLoginTimeout((int) Math.max(1, settings.connectionTimeout().toSeconds()));
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() {
        return pool.getActiveConnections();
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
