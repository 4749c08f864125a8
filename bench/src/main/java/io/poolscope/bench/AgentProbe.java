package io.poolscope.bench;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the agent's state through its MBeans, to check a benchmark's configuration and report on it;
 * for the floor agent, through its bridge class on the boot class path.
 */
final class AgentProbe {

    /** The agent sets this system property when it starts. */
    private static final String ACTIVE_PROPERTY = "poolscope.internal.active";
    /** The agent registers its MBeans on its own thread, once it has seen the first pool. */
    private static final long REGISTRATION_WAIT_MILLIS = 5_000;
    /** The floor agent sets these system properties in premain, from its options. */
    private static final String FLOOR_LEVEL_PROPERTY = "hookfloor.level";
    private static final String FLOOR_LEASE_PROPERTY = "hookfloor.lease";
    private static final String FLOOR_LEVEL = "lease";
    private static final String FLOOR_LEASE = "slot";
    private static final String FLOOR_BRIDGE = "hookfloor.bridge.Bridge";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    static boolean agentLoaded() {
        return System.getProperty(ACTIVE_PROPERTY) != null;
    }

    static boolean floorAgentLoaded() {
        return System.getProperty(FLOOR_LEVEL_PROPERTY) != null;
    }

    /**
     * Fails unless the JVM runs with the agent exactly as {@code configuration} says. Call it after
     * at least one cycle: with the floor agent, it checks that the hooks saw that cycle's acquire.
     */
    void check(Configuration configuration) throws Exception {
        if (floorAgentLoaded() != configuration.floorAgent()) {
            throw new IllegalStateException(configuration + " expects the floor agent " + (configuration.floorAgent() ? "" : "not ")
                    + "to be loaded; check the fork's -javaagent argument");
        }
        if (configuration.floorAgent()) {
            checkFloorAgent(configuration);
        }
        if (agentLoaded() != configuration.usesAgent()) {
            throw new IllegalStateException(configuration + " expects the agent " + (configuration.usesAgent() ? "" : "not ")
                    + "to be loaded; check the fork's -javaagent argument");
        }
        if (configuration.usesAgent()) {
            String stacks = options().get("stacks");
            if (!configuration.stacks().equals(stacks)) {
                throw new IllegalStateException(configuration + " expects stacks=" + configuration.stacks()
                        + " but the agent runs with stacks=" + stacks);
            }
            // a pool whose adapter matched nothing would measure an agent that does no work
            if (((Number) server.getAttribute(poolMBean(), "Acquires")).longValue() == 0) {
                throw new IllegalStateException(configuration + ": the agent recorded no acquire on the benchmark's pool");
            }
        }
    }

    private static void checkFloorAgent(Configuration configuration) throws ReflectiveOperationException {
        String level = System.getProperty(FLOOR_LEVEL_PROPERTY);
        String lease = System.getProperty(FLOOR_LEASE_PROPERTY);
        if (!FLOOR_LEVEL.equals(level) || !FLOOR_LEASE.equals(lease)) {
            throw new IllegalStateException(configuration + " expects the floor agent with level=" + FLOOR_LEVEL + ",lease=" + FLOOR_LEASE
                    + " but it runs with level=" + level + ",lease=" + lease);
        }
        long acquires = ((long[]) floorBridge().getMethod("stats").invoke(null))[0];
        if (acquires == 0) {
            // its advice matched nothing: it hooks HikariCP 7.x only
            throw new IllegalStateException(configuration + ": the floor agent saw no acquire; it supports HikariCP 7.x only");
        }
    }

    /** The floor agent's own one-line report (acquires, releases, live leases), for the benchmark's log. */
    static String describeFloorAgent() throws ReflectiveOperationException {
        return "floor agent saw: " + floorBridge().getMethod("report").invoke(null);
    }

    private static Class<?> floorBridge() throws ClassNotFoundException {
        return Class.forName(FLOOR_BRIDGE, false, null); // appended to the boot class path by the floor agent
    }

    /** One line about what the agent saw of pool {@code poolName}, for the benchmark's log. */
    String describe() throws Exception {
        ObjectName pool = poolMBean();
        ObjectName agent = new ObjectName("poolscope:type=Agent");
        return "poolscope saw: acquires=" + server.getAttribute(pool, "Acquires")
                + " waitMaxMillis=" + server.getAttribute(pool, "WaitMaxMillis")
                + " verdict='" + server.getAttribute(pool, "Verdict") + "'"
                + " callSitesStored=" + server.getAttribute(agent, "CallSitesStored")
                + " internalErrors=" + server.getAttribute(agent, "InternalErrors");
    }

    /** The MBean of the benchmark's one pool, whatever the library names it. */
    private ObjectName poolMBean() throws Exception {
        ObjectName query = new ObjectName("poolscope:type=Pool,*");
        long deadline = System.currentTimeMillis() + REGISTRATION_WAIT_MILLIS;
        while (server.queryNames(query, null).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the agent registered no pool MBean: did it instrument this pool library?");
            }
            Thread.sleep(20);
        }
        return server.queryNames(query, null).iterator().next();
    }

    private Map<String, String> options() throws Exception {
        ObjectName agent = new ObjectName("poolscope:type=Agent");
        long deadline = System.currentTimeMillis() + REGISTRATION_WAIT_MILLIS;
        while (!server.isRegistered(agent)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the agent's MBean " + agent + " did not appear");
            }
            Thread.sleep(20);
        }
        Map<String, String> options = new HashMap<>();
        for (Object row : ((TabularData) server.getAttribute(agent, "Options")).values()) {
            CompositeData pair = (CompositeData) row;
            options.put((String) pair.get("name"), (String) pair.get("value"));
        }
        return options;
    }
}
