package io.poolscope.bench;

/**
 * What watches the pool during a benchmark. The agent itself is added by the JMH fork's JVM
 * arguments ({@code bench/run.sh} pairs each configuration with its {@code -javaagent}); a
 * benchmark checks that it runs in the configuration it is labelled with.
 */
public enum Configuration {

    NO_AGENT(null, false, false),
    STACKS_OFF("off", false, false),
    STACKS_AUTO("auto", false, false),
    STACKS_FULL("full", false, false),
    /** No agent; the pool's own leak detection instead. */
    POOL_LEAK_DETECTION(null, true, false),
    /**
     * Not poolscope: the minimal HikariCP 7.x agent kept as a yardstick (shared/floor-agent), with
     * {@code level=lease,lease=slot}, the least work that keeps what poolscope's {@code stacks=off} keeps.
     */
    FLOOR_AGENT(null, false, true);

    private final String stacks;
    private final boolean poolLeakDetection;
    private final boolean floorAgent;

    Configuration(String stacks, boolean poolLeakDetection, boolean floorAgent) {
        this.stacks = stacks;
        this.poolLeakDetection = poolLeakDetection;
        this.floorAgent = floorAgent;
    }

    /** Whether poolscope's agent runs in this configuration. */
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

    /** Whether the floor agent runs in this configuration (instead of poolscope). */
    boolean floorAgent() {
        return floorAgent;
    }
}
