package com.example.shop;

import com.zaxxer.hikari.HikariConfig;

/** The shop's connection pool configuration. */
public final class ShopPool {

    public static final String POOL_NAME = "shop-db";

    private ShopPool() {
    }

    public static HikariConfig config(ShopSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        return config;
    }
}
