package io.poolscope.bench;

/**
 * What watches the pool during a benchmark. The agent itself is added by the JMH fork's JVM
 * arguments ({@code bench/run.sh} pairs each configuration with its {@code -javaagent}); a
 * benchmark checks that it runs in the configuration it is labelled with.
 */
public enum Configuration {

    NO_AGENT(null, false),
    STACKS_OFF("off", false),
    STACKS_AUTO("auto", false),
    STACKS_FULL("full", false),
    /** No agent; the pool's own leak detection instead. */
    POOL_LEAK_DETECTION(null, true);

    private final String stacks;
    private final boolean poolLeakDetection;

    Configuration(String stacks, boolean poolLeakDetection) {
        this.stacks = stacks;
        this.poolLeakDetection = poolLeakDetection;
    }

    boolean usesAgent() {
        return stacks != null;
    }

    /** The agent's {@code stacks} option this configuration runs with; {@code null} without the agent. */
    String stacks() {
        return stacks;
    }

    boolean poolLeakDetection() {
        return poolLeakDetection;
    }
}
