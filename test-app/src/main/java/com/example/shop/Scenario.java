package com.example.shop;

import com.zaxxer.hikari.HikariConfig;

/** One way of running the shop, usually one way of getting the connection pool into trouble. */
public interface Scenario {

    /** The name used on the command line. */
    String name();

    /** One line for the help text. */
    String description();

    /** Called before the pool starts, for scenarios whose outage is a pool misconfiguration. */
    default void configurePool(HikariConfig config) {
    }

    /** Drives the shop for the configured duration and returns once the shoppers have stopped. */
    void run(ShopContext shop) throws InterruptedException;
}
