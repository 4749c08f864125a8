package io.poolscope.pools.agroal;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Agroal 1.x to 3.x ({@code io.agroal:agroal-pool}). The pool object is {@code ConnectionPool}; a
 * physical connection is identified by its {@code ConnectionHandler}, which Agroal keeps for the
 * life of that connection (the application holds a new {@code ConnectionWrapper} per lease). The
 * shape of {@code org.example.fakepool.FakePool}: the acquire method hands the connection out itself.
 * <ul>
 *   <li>acquire: {@code ConnectionPool.getConnection()}, and {@code getReadOnlyConnection()} (3.x) and
 *       {@code getRecoveryConnection()} (XA recovery, 2.x and 3.x); the wait happens inside, in
 *       {@code handlerFromSharedCache()}, unless the thread's local cache hands back its last connection;</li>
 *   <li>lease: {@code ConnectionPool.afterAcquire(long, ConnectionHandler[, boolean])}, once the handler
 *       is checked out and validated, on every path that hands a connection out. Inside a JTA
 *       transaction a second {@code getConnection} gets the enlisted handler again: poolscope counts
 *       that acquire and starts the lease anew (the earlier one ends unseen);</li>
 *   <li>timeout: the {@code SQLException} "Sorry, acquisition timeout!" (or "Acquisition timeout
 *       while waiting for new connection") thrown out of the acquire;</li>
 *   <li>release: {@code ConnectionPool.returnConnectionHandler(ConnectionHandler)}, which the wrapper's
 *       close reaches (at the end of the transaction for an enlisted connection), before the
 *       handler is checked in again;</li>
 *   <li>closed by the pool: {@code ConnectionHandler.closeConnection()}; a connection in use is closed
 *       there by {@code flush(ALL)} and at shutdown;</li>
 *   <li>reclaimed: {@code flush(FlushMode.LEAK)} takes the connections held longer than
 *       {@code leakTimeout} from their holders and closes them ({@code FlushTask.flushHandler} in
 *       that mode). Agroal's own leak detection only warns: nothing else takes a connection back;</li>
 *   <li>creation: {@code CreateConnectionTask.call()}, on the pool's housekeeping thread (its
 *       {@code this$0} is the pool), unless it found the pool full and returned {@code null}.</li>
 * </ul>
 * Agroal's pool-less mode ({@code DataSourceImplementation.AGROAL_POOLLESS}, class {@code Poolless})
 * is not instrumented.
 */
public final class AgroalAdapter extends DeclaredAdapter {

    static final String POOL = "io.agroal.pool.ConnectionPool";
    private static final String HANDLER = "io.agroal.pool.ConnectionHandler";
    private static final String CREATE_TASK = "io.agroal.pool.ConnectionPool$CreateConnectionTask";
    private static final String FLUSH_TASK = "io.agroal.pool.ConnectionPool$FlushTask";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(POOL, "getConnection", 0, AgroalAcquireAdvice.class),
            // getReadOnlyConnection is new in 3.0, getRecoveryConnection in 2.0
            new Hook(POOL, named("getReadOnlyConnection").or(named("getRecoveryConnection")).and(takesArguments(0)),
                    AgroalAcquireAdvice.class).optional(),
            // (long, ConnectionHandler) in 1.x, (long, ConnectionHandler, boolean) in 2.x and 3.x
            new Hook(POOL, named("afterAcquire").and(takesArgument(1, named(HANDLER)))
                    .and(takesArguments(2).or(takesArguments(3))), AgroalLeaseAdvice.class,
                    POOL + ".afterAcquire(long, ConnectionHandler[, boolean])"),
            new Hook(POOL, "returnConnectionHandler", 1, AgroalReleaseAdvice.class),
            new Hook(HANDLER, "closeConnection", 0, AgroalCloseAdvice.class),
            new Hook(FLUSH_TASK, "flushHandler", 1, AgroalFlushAdvice.class),
            // not the bridge method call() returning Object, which calls this one
            new Hook(CREATE_TASK, named("call").and(takesArguments(0)).and(not(isBridge())), AgroalCreateAdvice.class)));

    /** The hooks' methods and the fields their advice reads. */
    private static final Shape SHAPE = Shape.of(HOOKS)
            .field(CREATE_TASK, "this$0")  // AgroalCreateAdvice: the task's pool
            .field(FLUSH_TASK, "mode");    // AgroalFlushAdvice: LEAK is the mode that takes connections back

    public AgroalAdapter() {
        super(Collections.singletonList(POOL), HOOKS, SHAPE, new AgroalIntrospector(), "1.x-3.x");
    }
}
