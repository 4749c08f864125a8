package org.example.fakepool;

import io.poolscope.bridge.Recorder;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Fake pools that drive the recorder exactly as each real pool shape does, one class per shape:
 * the adapter test kit. Each reports where its real counterpart's advice would, and nothing
 * else. An adapter for a new pool names the shapes it uses; the kit's contract tests are the
 * assertions it must then meet.
 *
 * <ul>
 *   <li>{@link FakePool}: the acquire method hands the connection out itself (DBCP2, Tomcat JDBC,
 *       c3p0, Vibur, Agroal, Druid, H2);</li>
 *   <li>{@link BorrowThenLease}: the hooked method borrows, the lease is reported after it returns,
 *       dead entries are closed and borrowed again, and the timeout is raised outside the borrow
 *       (HikariCP);</li>
 *   <li>{@link SplitObjects}: acquire on the data source, release on the connection object;</li>
 *   <li>{@link ProxyPerLease}: a new key per checkout, no per-connection object;</li>
 *   <li>{@link PoolOverPool}: a pool whose connections come from another pool;</li>
 *   <li>{@link Wrapper}: a pool hooked at two levels of one call (a wrapper method and the pool
 *       method it calls, with the same pool object).</li>
 * </ul>
 */
public final class PoolShapes {

    private PoolShapes() {
    }

    static void exit(Recorder recorder, Object token, Throwable thrown) {
        if (token != null) {
            recorder.acquireExit(token, thrown);
        }
    }

    static SQLTransientConnectionException timeout(String name) {
        return new SQLTransientConnectionException(name + " - Connection is not available, request timed out");
    }

    /** A physical connection in a {@link BorrowThenLease} pool: its key, reused for every lease. */
    public static final class Entry {
        volatile boolean dead;

        public void kill() {
            dead = true;
        }
    }

    /**
     * HikariCP's shape. {@code borrow} is the hooked method: it returns an entry, or {@code null}
     * when none came in time. {@code getConnection} closes dead entries and borrows again while
     * time is left, raises its timeout outside the borrow, and leases after the borrow returned.
     */
    public static final class BorrowThenLease implements CountedPool {
        private final Recorder recorder;
        private final String name;
        private final java.util.concurrent.atomic.AtomicLong acquireCalls = new java.util.concurrent.atomic.AtomicLong();
        private final Deque<Entry> idle = new ArrayDeque<>();
        /** Thrown between borrow and lease, once, when set (a metrics tracker that fails, say). */
        private RuntimeException throwAfterBorrow;
        private volatile boolean refills;

        public BorrowThenLease(Recorder recorder, String name) {
            this.recorder = recorder;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long acquireCalls() {
            return acquireCalls.get();
        }

        public synchronized void add(Entry entry) {
            idle.addLast(entry);
        }

        /** Opens a new entry in the place of each dead one it closes. */
        public void refillOnClose() {
            refills = true;
        }

        public void throwOnceAfterBorrow(RuntimeException failure) {
            this.throwAfterBorrow = failure;
        }

        /** The hooked borrow: {@code null} when the bag is empty (a timeout). */
        Entry borrow() {
            Object token = recorder.acquireStart(this);
            Entry entry;
            synchronized (this) {
                entry = idle.pollFirst();
            }
            if (entry == null) {
                if (token != null) {
                    recorder.acquireTimedOut(token);
                }
            } else {
                exit(recorder, token, null);
            }
            return entry;
        }

        /** Tries {@code attempts} borrows at most, like HikariCP's loop until its timeout is spent. */
        public Entry getConnection(int attempts) throws SQLException {
            acquireCalls.incrementAndGet();
            for (int i = 0; i < attempts; i++) {
                Entry entry = borrow();
                if (entry == null) {
                    break;
                }
                if (entry.dead) {
                    recorder.closed(entry); // closeConnection: on the acquiring thread
                    if (refills) {
                        add(new Entry()); // the pool opens a new connection in its place
                    }
                    continue;
                }
                RuntimeException failure = throwAfterBorrow;
                if (failure != null) {
                    throwAfterBorrow = null;
                    add(entry);
                    throw failure;
                }
                recorder.leased(null, entry); // createProxyConnection
                return entry;
            }
            recorder.timeoutRaised(this); // createTimeoutException
            throw timeout(name);
        }

        /** The application closes its connection: the entry is recycled, then back in the bag. */
        public void close(Entry entry) {
            recorder.released(entry);
            add(entry);
        }

        /** The housekeeper evicts an entry (it may be out). */
        public void evict(Entry entry) {
            recorder.closed(entry);
        }
    }

    /** Acquire on the data source, release on the connection: the release names only the connection. */
    public static final class SplitObjects implements CountedPool {
        private final Recorder recorder;
        private final String name;
        private final java.util.concurrent.atomic.AtomicLong acquireCalls = new java.util.concurrent.atomic.AtomicLong();

        public SplitObjects(Recorder recorder, String name) {
            this.recorder = recorder;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long acquireCalls() {
            return acquireCalls.get();
        }

        public PooledConnection getConnection() {
            acquireCalls.incrementAndGet();
            Object token = recorder.acquireStart(this);
            PooledConnection connection = new PooledConnection(recorder);
            recorder.leased(this, connection);
            exit(recorder, token, null);
            return connection;
        }

        public void getConnection(PooledConnection reused) {
            acquireCalls.incrementAndGet();
            Object token = recorder.acquireStart(this);
            recorder.leased(this, reused);
            exit(recorder, token, null);
        }
    }

    /** The connection object of {@link SplitObjects}: its own close is the release. */
    public static final class PooledConnection {
        private final Recorder recorder;

        PooledConnection(Recorder recorder) {
            this.recorder = recorder;
        }

        public void close() {
            recorder.released(this);
        }
    }

    /** A new proxy object per checkout is the key (c3p0's NewProxyConnection, Druid's holder). */
    public static final class ProxyPerLease implements CountedPool {
        private final Recorder recorder;
        private final String name;
        private final java.util.concurrent.atomic.AtomicLong acquireCalls = new java.util.concurrent.atomic.AtomicLong();

        public ProxyPerLease(Recorder recorder, String name) {
            this.recorder = recorder;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long acquireCalls() {
            return acquireCalls.get();
        }

        public Object getConnection() {
            acquireCalls.incrementAndGet();
            Object token = recorder.acquireStart(this);
            Object proxy = new Object();
            recorder.leasedOnce(this, proxy);
            exit(recorder, token, null);
            return proxy;
        }

        public void close(Object proxy) {
            recorder.released(proxy);
        }
    }

    /**
     * A pool whose physical connections come from another pool: its acquire opens one when it has
     * none idle, by an acquire on the inner pool nested in its own.
     */
    public static final class PoolOverPool implements CountedPool {
        private final Recorder recorder;
        private final String name;
        private final java.util.concurrent.atomic.AtomicLong acquireCalls = new java.util.concurrent.atomic.AtomicLong();
        private final FakePool inner;
        private final Supplier<Object> innerConnections;
        private final Deque<Object> idle = new ArrayDeque<>();

        public PoolOverPool(Recorder recorder, String name, FakePool inner, Supplier<Object> innerConnections) {
            this.recorder = recorder;
            this.name = name;
            this.inner = inner;
            this.innerConnections = innerConnections;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long acquireCalls() {
            return acquireCalls.get();
        }

        public Object getConnection() {
            acquireCalls.incrementAndGet();
            Object token = recorder.acquireStart(this);
            Object connection = idle.pollFirst();
            if (connection == null) {
                long start = recorder.createStart(this);
                // nested: the inner pool's own lease; the outer pool keys its entry wrapping that connection
                connection = new OuterEntry(inner.getConnection(innerConnections.get()));
                recorder.createEnd(this, start, null);
            }
            recorder.leased(this, connection);
            exit(recorder, token, null);
            return connection;
        }

        public void close(Object connection) {
            recorder.released(connection);
            idle.addLast(connection);
        }
    }

    /** The outer pool's own record of a connection it took from the inner pool. */
    static final class OuterEntry {
        final Object innerConnection;

        OuterEntry(Object innerConnection) {
            this.innerConnection = innerConnection;
        }
    }

    /** One pool hooked at two levels of one call: the wrapper method and the pool method, same pool object. */
    public static final class Wrapper implements CountedPool {
        private final Recorder recorder;
        private final String name;
        private final java.util.concurrent.atomic.AtomicLong acquireCalls = new java.util.concurrent.atomic.AtomicLong();

        public Wrapper(Recorder recorder, String name) {
            this.recorder = recorder;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long acquireCalls() {
            return acquireCalls.get();
        }

        public Object getConnection(Object connection) {
            acquireCalls.incrementAndGet();
            Object token = recorder.acquireStart(this);
            try {
                return poolGetConnection(connection);
            } finally {
                exit(recorder, token, null);
            }
        }

        private Object poolGetConnection(Object connection) {
            Object token = recorder.acquireStart(this);
            recorder.leased(this, connection);
            exit(recorder, token, null);
            return connection;
        }

        public void getConnectionTimingOut() throws SQLTransientConnectionException {
            acquireCalls.incrementAndGet();
            Object token = recorder.acquireStart(this);
            SQLTransientConnectionException failure = timeout(name);
            try {
                Object inner = recorder.acquireStart(this);
                exit(recorder, inner, failure);
                throw failure;
            } finally {
                exit(recorder, token, failure);
            }
        }

        public void close(Object connection) {
            recorder.released(connection);
        }
    }
}
