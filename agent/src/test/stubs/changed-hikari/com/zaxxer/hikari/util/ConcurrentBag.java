package com.zaxxer.hikari.util;

import java.util.ArrayDeque;

/**
 * A stand-in with HikariCP's class name and a changed shape, for AdapterCheckIT: {@code borrow}
 * takes one argument instead of two, and the pool is held in {@code owner}, not {@code listener}.
 * Not on any class path: the test compiles it into a jar of its own.
 */
public class ConcurrentBag {

    private final Object owner;
    private final ArrayDeque<Object> items = new ArrayDeque<>();

    public ConcurrentBag(Object owner) {
        this.owner = owner;
    }

    public synchronized void add(Object item) {
        items.add(item);
    }

    public synchronized Object borrow(long timeoutMillis) {
        return items.poll();
    }

    public synchronized void requite(Object item) {
        items.add(item);
    }

    public Object owner() {
        return owner;
    }
}
