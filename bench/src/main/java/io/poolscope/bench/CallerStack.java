package io.poolscope.bench;

import java.sql.SQLException;

/**
 * Runs a cycle at a chosen stack depth, as an application calls its pool from deep inside a web
 * framework: the cost of taking a stack grows with its depth. The depth counts every frame on the
 * stack when the cycle calls {@code getConnection()}, JMH's own included.
 */
public final class CallerStack {

    private CallerStack() {
    }

    /**
     * The padding that makes {@link #call} run its cycle at {@code depth} frames when it is called
     * from a method that is itself {@code callerDepth} frames deep.
     */
    static int padding(int depth, int callerDepth) {
        int padding = depth - callerDepth - 2; // call(0, ..) and Cycle.run() themselves
        if (padding < 0) {
            throw new IllegalArgumentException("depth " + depth + " is below the caller's own " + callerDepth + " frames");
        }
        return padding;
    }

    /** The depth of the method calling this one, counted as the agent's stack capture would. */
    static int depthOfCaller() {
        return new Throwable().getStackTrace().length - 1;
    }

    public static int call(int padding, Cycle cycle) throws SQLException {
        return padding == 0 ? cycle.run() : call(padding - 1, cycle);
    }
}
