package io.poolscope.jmx;

import io.poolscope.config.Formats;
import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import io.poolscope.report.DumpReason;
import io.poolscope.report.PoolEvents;
import io.poolscope.report.PoolState;
import io.poolscope.report.Reporter;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.SimpleType;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Registers poolscope's MBeans in the platform MBeanServer: {@code poolscope:type=Agent} and one
 * {@code poolscope:type=Pool,name=<pool>} per pool, and hands the reporter's events to the pool
 * MBeans' notifications. Runs on the scanner thread, and only once the first pool is seen (or an
 * adapter is left out), so the application sets up its own MBeanServer and logging first.
 */
public final class JmxRegistrar implements PoolEvents {

    public static final String DOMAIN = "poolscope";

    /** Changes the options of the running recording; the agent's runtime does it, and logs it. */
    public interface Control {
        /**
         * Applies {@code option=value} now; returns what changed ("leakThreshold: 30s -> 5s");
         * throws {@link IllegalArgumentException} with the reason for a value that does not parse.
         */
        String change(Option<?> option, String value, String by);
    }

    private final Recording recording;
    private final Reporter reporter;
    private volatile Options options;
    private final String version;
    private final Map<PoolHandle, PoolMBean> beans = new ConcurrentHashMap<>();
    private final Map<PoolHandle, ObjectName> registered = new ConcurrentHashMap<>();
    private volatile Supplier<String[]> skippedAdapters = () -> new String[0];
    private volatile Control control = (option, value, by) -> {
        throw new IllegalStateException("options cannot be changed here");
    };
    private volatile long statisticsResetMillis;
    private boolean agentRegistered;
    private volatile boolean closed;

    public JmxRegistrar(Recording recording, Reporter reporter, Options options, String version) {
        this.recording = recording;
        this.reporter = reporter;
        this.options = options;
        this.version = version;
    }

    /**
     * The MBean name of pool {@code pool}, as a person types it: {@code poolscope:type=Pool,name=HikariPool-1};
     * the name is quoted only where ObjectName needs it (it holds {@code , = : " * ?} or a line break, as
     * {@code agroal:jdbc:h2:mem:orders} does).
     */
    public static ObjectName poolName(String pool) throws MalformedObjectNameException {
        if (!needsQuoting(pool)) {
            ObjectName plain = new ObjectName(DOMAIN + ":type=Pool,name=" + pool);
            if (!plain.isPattern()) {
                return plain;
            }
        }
        return new ObjectName(DOMAIN + ":type=Pool,name=" + ObjectName.quote(pool));
    }

    static boolean needsQuoting(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case ',': case '=': case ':': case '"': case '*': case '?': case '\n': case '\r':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    public static ObjectName agentName() throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Agent");
    }

    /** Attached again with options applied in place: the Agent MBean's {@code Options} shows them. */
    public void optionsInForce(Options inForce) {
        this.options = inForce;
        invalidateSnapshots();
    }

    /** How the Agent MBean's set operations change options. */
    public void control(Control control) {
        this.control = control;
    }

    /** The lines for the Agent MBean's {@code SkippedAdapters}: adapters left out of a class loader, and why. */
    public void skippedAdapters(Supplier<String[]> lines) {
        this.skippedAdapters = lines;
    }

    /** On the scanner thread, after an adapter was left out: the Agent MBean shows it even if no pool is ever seen. */
    public void adapterSkipped() {
        try {
            registerAgentOnce(ManagementFactory.getPlatformMBeanServer());
        } catch (Exception | LinkageError e) {
            reporter.log().warn("poolscope: could not register its JMX view: " + e);
        }
    }

    private synchronized void registerAgentOnce(MBeanServer server) throws Exception {
        if (!agentRegistered) {
            agentRegistered = true;
            register(server, agentName(), agentBean());
        }
    }

    public void poolAdded(PoolHandle pool) {
        if (closed) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            registerAgentOnce(server);
            ObjectName name = poolName(pool.name());
            PoolMBean bean = new PoolMBean(pool, recording, reporter, () -> options.get(Option.MAX_LEASES_SHOWN));
            bean.notifications().source(name);
            register(server, name, bean.bean());
            beans.put(pool, bean);
            registered.put(pool, name);
        } catch (Exception | LinkageError e) {
            reporter.log().warn("poolscope: could not register the JMX view of pool '" + pool.name() + "': " + e);
        }
    }

    public void poolGone(PoolHandle pool) {
        beans.remove(pool);
        ObjectName name = registered.remove(pool);
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (Exception e) {
            // already gone
        }
    }

    /** {@code off}: the Agent MBean and every pool's MBean go away. */
    public synchronized void unregisterAll() {
        closed = true;
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<ObjectName> names = new ArrayList<>(registered.values());
        registered.clear();
        beans.clear();
        try {
            names.add(agentName());
        } catch (Exception e) {
            // a constant name
        }
        for (ObjectName name : names) {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } catch (Exception e) {
                // already gone
            }
        }
        agentRegistered = true; // not registered again by this registrar
    }

    private static void register(MBeanServer server, ObjectName name, Object bean) throws Exception {
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(bean, name);
    }

    private void invalidateSnapshots() {
        for (PoolMBean bean : beans.values()) {
            bean.invalidate();
        }
    }

    // ---- the reporter's events, on the scanner thread: notifications ----

    @Override
    public void suspectedLeak(PoolHandle pool, LeaseView lease) {
        PoolMBean bean = beans.get(pool);
        if (bean != null) {
            bean.notifications().suspectedLeak(lease, reporter.leakThresholdNanos());
        }
    }

    @Override
    public void leakReturned(PoolHandle pool, LeaseView lease, long heldNanos, String releasedBy) {
        PoolMBean bean = beans.get(pool);
        if (bean != null) {
            bean.notifications().leakReturned(lease, heldNanos, releasedBy);
        }
    }

    @Override
    public void exhausted(PoolState state, long timeoutsNotDumped) {
        PoolMBean bean = beans.get(state.pool);
        if (bean != null) {
            bean.notifications().exhausted(state, timeoutsNotDumped);
        }
    }

    @Override
    public void slowAcquire(PoolState state, long slowAcquireNanos) {
        PoolMBean bean = beans.get(state.pool);
        if (bean != null) {
            bean.notifications().slowAcquire(state, slowAcquireNanos);
        }
    }

    @Override
    public void connectionCreationFailed(PoolHandle pool, long failures, StatisticsView stats) {
        PoolMBean bean = beans.get(pool);
        if (bean != null) {
            bean.notifications().connectionFailed(failures, stats);
        }
    }

    @Override
    public void tick(long nowNanos) {
        for (PoolMBean bean : beans.values()) {
            bean.notifications().tick(nowNanos);
        }
    }

    // ---- the Agent MBean ----

    private OpenMBean agentBean() throws OpenDataException {
        ArrayType<String[]> strings = new ArrayType<>(1, SimpleType.STRING);
        return new OpenMBean("io.poolscope.Agent", "poolscope: the agent, its options, its own health, and what can"
                + " be changed while it records")
                .attribute("Version", "poolscope's version", SimpleType.STRING, () -> version)
                .attribute("Jvm", "The JVM poolscope runs in: name, version, vendor and process id", SimpleType.STRING,
                        JmxRegistrar::jvm)
                .attribute("Options", "The options in force (set operations and attach change them)", Tables.KEY_VALUE,
                        () -> Tables.keyValues(options.describe()))
                .attribute("Pools", "The pools seen, by name (each has its MBean poolscope:type=Pool,name=...)",
                        strings, this::poolNames)
                .attribute("InternalErrors", "Failures of poolscope's own code so far (never passed to the application)",
                        SimpleType.LONG, () -> recording.errors().count())
                .attribute("LastInternalError", "The latest failure of poolscope's own code, or empty", SimpleType.STRING,
                        () -> orEmpty(recording.errors().last()))
                .attribute("LastInternalErrorTime", "When it happened, or empty", SimpleType.STRING,
                        () -> recording.errors().lastMillis() == 0 ? "" : Formats.timestamp(recording.errors().lastMillis()))
                .attribute("StatisticsResetTime", "When resetStatistics last ran, or empty (statistics count from start)",
                        SimpleType.STRING, () -> statisticsResetMillis == 0 ? "" : Formats.timestamp(statisticsResetMillis))
                .attribute("CallSitesStored", "Distinct acquisition stacks stored", SimpleType.INTEGER,
                        () -> recording.callSites().size())
                .attribute("CallSitesNotStored", "Acquisition stacks not stored because maxCallSites was reached",
                        SimpleType.LONG, () -> recording.callSites().notStored())
                .attribute("ReleasesOfLeasesBeforePoolscope",
                        "Connections returned that poolscope never saw taken (taken before it started or was attached)",
                        SimpleType.LONG, recording::releasesOfUnknownLeases)
                .attribute("AcquireFrameSpills",
                        "Acquires recorded outside the frame table because hundreds of threads were acquiring at once",
                        SimpleType.LONG, recording::acquireFrameSpills)
                .attribute("SkippedAdapters", "Pool libraries left uninstrumented in a class loader, and why",
                        strings, () -> skippedAdapters.get())
                .operation("dump", "The dump of every pool as text", SimpleType.STRING, MBeanOperationInfo.INFO,
                        () -> reporter.dumpAll(DumpReason.ON_DEMAND))
                .operation("dumpToLog", "Writes the dump of every pool to poolscope's log (logFile); returns what it did",
                        SimpleType.STRING, MBeanOperationInfo.ACTION, this::dumpToLog)
                .operation("resetStatistics", "Counters, percentiles and call-site figures of every pool start again"
                        + " from now (the connections out count as taken now); leases and waiters are not touched",
                        SimpleType.STRING, MBeanOperationInfo.ACTION, this::resetStatistics)
                .operation("setLeakThreshold", "Changes leakThreshold now (the change is logged with the old value);"
                        + " returns the old and new value", SimpleType.STRING, MBeanOperationInfo.ACTION,
                        new String[][]{{"leakThreshold", "A duration: 500ms, 2s, 1m, 1h, or 0 to turn leak reports off"}},
                        arguments -> control.change(Option.LEAK_THRESHOLD, arguments[0], "JMX setLeakThreshold"))
                .operation("setStackMode", "Changes stacks now, for the leases taken from now on (the change is logged"
                        + " with the old value); returns the old and new value", SimpleType.STRING,
                        MBeanOperationInfo.ACTION,
                        new String[][]{{"stacks", "off, auto (sampled while the pool is healthy, every lease under"
                                + " pressure) or full"}},
                        arguments -> control.change(Option.STACKS, arguments[0], "JMX setStackMode"));
    }

    private String dumpToLog() {
        int pools = reporter.dumpAllToLog(DumpReason.ON_DEMAND);
        return pools == 0 ? "no pool seen yet: nothing written"
                : "the dump of " + (pools == 1 ? "1 pool" : pools + " pools") + " written to poolscope's log ("
                + options.get(Option.LOG_FILE) + ")";
    }

    private String resetStatistics() {
        int pools = recording.pools().size();
        recording.resetStatistics();
        statisticsResetMillis = System.currentTimeMillis();
        invalidateSnapshots();
        String text = "poolscope: statistics of " + (pools == 1 ? "1 pool" : pools + " pools")
                + " reset (by JMX resetStatistics): counters, percentiles and call-site figures start again from now;"
                + " the connections out count as taken now";
        reporter.log().info(text);
        return text;
    }

    private static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version")) + " (" + System.getProperty("java.vm.vendor") + "), pid "
                + ProcessHandle.current().pid();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private String[] poolNames() {
        List<String> names = new ArrayList<>();
        for (PoolHandle pool : recording.pools()) {
            names.add(pool.name());
        }
        return names.toArray(new String[0]);
    }
}
