package io.poolscope.agent;

/**
 * {@code -Dpoolscope.internal.fault=POINT} makes poolscope fail at that point of its start as a
 * real fault would (an unexpected exception), so that tests can show the application runs on and
 * the failure reaches the user. Points: {@value #START} (the runtime's start) and
 * {@value #INSTRUMENTATION} (building the instrumentation). Read only while starting.
 */
final class FaultInjection {

    static final String PROPERTY = "poolscope.internal.fault";
    static final String START = "start";
    static final String INSTRUMENTATION = "instrumentation";

    private FaultInjection() {
    }

    static void at(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            throw new IllegalStateException("fault injected at " + point + " (" + PROPERTY + ")");
        }
    }
}
