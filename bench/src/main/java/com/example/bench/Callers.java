package com.example.bench;

/**
 * Ten places in an application that take a connection: leases taken at different ones have
 * different stacks. Outside io.poolscope on purpose: poolscope trims its own frames from stacks.
 */
public final class Callers {

    public static final int COUNT = 10;

    private Callers() {
    }

    public static void take(int caller, Runnable lease) {
        switch (caller) {
            case 0: lease.run(); break;
            case 1: lease.run(); break;
            case 2: lease.run(); break;
            case 3: lease.run(); break;
            case 4: lease.run(); break;
            case 5: lease.run(); break;
            case 6: lease.run(); break;
            case 7: lease.run(); break;
            case 8: lease.run(); break;
            case 9: lease.run(); break;
            default: throw new IllegalArgumentException("no caller " + caller);
        }
    }
}
