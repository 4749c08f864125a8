package io.poolscope.bench.memory;

/** Ten places in the code that take a connection: leases taken at different ones have different stacks. */
final class Callers {

    static final int COUNT = 10;

    private Callers() {
    }

    static void take(int caller, Leases leases) {
        switch (caller) {
            case 0: leases.takeOne(); break;
            case 1: leases.takeOne(); break;
            case 2: leases.takeOne(); break;
            case 3: leases.takeOne(); break;
            case 4: leases.takeOne(); break;
            case 5: leases.takeOne(); break;
            case 6: leases.takeOne(); break;
            case 7: leases.takeOne(); break;
            case 8: leases.takeOne(); break;
            case 9: leases.takeOne(); break;
            default: throw new IllegalArgumentException("no caller " + caller);
        }
    }
}
