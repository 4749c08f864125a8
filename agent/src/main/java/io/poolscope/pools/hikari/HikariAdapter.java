package io.poolscope.pools.hikari;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * HikariCP 2.7 to 7.x. The pool object is {@code HikariPool}; a physical connection is identified
 * by its {@code PoolEntry}, which HikariCP reuses for every lease of that connection.
 * Every advice is kept to a few bytecodes on purpose: the JIT must still inline these small
 * methods, or HikariCP's proxy object escapes (the benchmark's bytes-per-operation shows it).
 * <ul>
 *   <li>acquire: {@code ConcurrentBag.borrow(long, TimeUnit)}, where the wait happens; it returns
 *       {@code null} on timeout, after which {@code HikariPool.getConnection} throws;</li>
 *   <li>lease: {@code PoolEntry.createProxyConnection(..)} (one argument in 5+, two up to 4), called once per successful borrow;</li>
 *   <li>timeout: a {@code null} borrow, or {@code HikariPool.createTimeoutException(long)}, which also ends an
 *       acquire whose last borrow returned a dead entry that was then closed;</li>
 *   <li>release: {@code PoolEntry.recycle(..)} (a time argument up to 4, none in 5+), called by the proxy's
 *       {@code close()} once per borrowed connection, before the entry goes back to the bag;</li>
 *   <li>closed by the pool: {@code PoolEntry.close()}; a broken or evicted connection, or one aborted at
 *       shutdown, is closed there without going through {@code recycle};</li>
 *   <li>creation: {@code PoolBase.newConnection(..)} (no argument up to 5, one in 6+).</li>
 * </ul>
 * A HikariCP whose classes lack any of these methods, or the fields the advice reads, is not
 * instrumented at all (see {@link #shape()}).
 */
public final class HikariAdapter extends DeclaredAdapter {

    private static final String POOL = "com.zaxxer.hikari.pool.HikariPool";
    private static final String BAG = "com.zaxxer.hikari.util.ConcurrentBag";
    private static final String ENTRY = "com.zaxxer.hikari.pool.PoolEntry";
    private static final String BASE = "com.zaxxer.hikari.pool.PoolBase";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(BAG, "borrow", 2, HikariBorrowAdvice.class),
            new Hook(ENTRY, "recycle", Hook.ANY_ARITY, HikariReleaseAdvice.class),
            new Hook(ENTRY, "createProxyConnection", Hook.ANY_ARITY, HikariLeaseAdvice.class),
            new Hook(ENTRY, "close", 0, HikariCloseAdvice.class),
            new Hook(POOL, "createTimeoutException", 1, HikariTimeoutAdvice.class),
            new Hook(BASE, "newConnection", Hook.ANY_ARITY, HikariCreateAdvice.class)));

    /** The hooks' methods and the fields their advice reads. */
    private static final Shape SHAPE = Shape.of(HOOKS)
            .field(BAG, "listener");       // HikariBorrowAdvice: the bag's listener is the HikariPool

    public HikariAdapter() {
        super(Collections.singletonList(POOL), HOOKS, SHAPE, new HikariIntrospector(), "2.7-7.x");
    }
}
