package com.example.shop;

import java.util.concurrent.atomic.AtomicInteger;

/** A fresh in-memory database per test, so tests never see each other's tables. */
final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    static String uniqueUrl(String name) {
        return "jdbc:h2:mem:" + name + "-" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }
}
