package com.example.shop;

import javax.sql.DataSource;

/**
 * The shop's connection pool, on whichever pool library it was started with ({@code --pool}); see
 * {@link com.example.shop.pool.ShopPools}. Every library gets the same settings: the pool name,
 * {@code poolSize} connections at most and at least, {@code connectionTimeout} for an acquire.
 */
public interface ShopPool extends AutoCloseable {

    String POOL_NAME = "shop-db";

    DataSource dataSource();

    /** Connections out of the pool now, as the pool counts them. */
    int activeConnections() throws Exception;

    @Override
    void close() throws Exception;
}
