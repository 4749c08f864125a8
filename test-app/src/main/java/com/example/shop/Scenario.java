package com.example.shop;

/** One way of running the shop, usually one way of getting the connection pool into trouble. */
public interface Scenario {

    /** The name used on the command line. */
    String name();

    /** One line for the help text. */
    String description();

    /** Drives the shop for the configured duration and returns once the shoppers have stopped. */
    void run(ShopContext shop) throws InterruptedException;
}
