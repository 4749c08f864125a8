package org.example.fakeapp;

import org.example.fakepool.FakePool;

import java.sql.SQLTransientConnectionException;

/** The application side: its methods are the call sites poolscope should name. */
public final class FakeApp {

    private final FakePool pool;

    public FakeApp(FakePool pool) {
        this.pool = pool;
    }

    public Object loadOrders(Object connection) {
        return pool.getConnection(connection);
    }

    public Object loadCustomers(Object connection) {
        return pool.getConnection(connection);
    }

    public void loadOrdersTimingOut() {
        try {
            pool.getConnectionTimingOut();
        } catch (SQLTransientConnectionException expected) {
            // the application would report this; the tests only need poolscope to have seen it
        }
    }

    public void close(Object connection) {
        pool.close(connection);
    }
}
