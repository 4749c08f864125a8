package io.poolscope.jmx;

import io.poolscope.config.Options;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.report.DumpReason;
import io.poolscope.report.Reporter;

import javax.management.MBeanServer;
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
 * {@code poolscope:type=Pool,name=<pool>} per pool. Runs on the scanner thread, and only once the
 * first pool is seen (or an adapter is left out), so the application sets up its own MBeanServer
 * and logging first.
 */
public final class JmxRegistrar {

    public static final String DOMAIN = "poolscope";

    private final Recording recording;
    private final Reporter reporter;
    private volatile Options options;
    private final String version;
    private final Map<PoolHandle, ObjectName> registered = new ConcurrentHashMap<>();
    private volatile Supplier<String[]> skippedAdapters = () -> new String[0];
    private boolean agentRegistered;
    private volatile boolean closed;

    public JmxRegistrar(Recording recording, Reporter reporter, Options options, String version) {
        this.recording = recording;
        this.reporter = reporter;
        this.options = options;
        this.version = version;
    }

    public static ObjectName poolName(String pool) throws javax.management.MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Pool,name=" + ObjectName.quote(pool));
    }

    public static ObjectName agentName() throws javax.management.MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Agent");
    }

    /** Attached again with options applied in place: the Agent MBean's {@code Options} shows them. */
    public void optionsInForce(Options inForce) {
        this.options = inForce;
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

    private void registerAgentOnce(MBeanServer server) throws Exception {
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
            register(server, name, PoolMBeanFactory.create(pool, recording, reporter));
            registered.put(pool, name);
        } catch (Exception | LinkageError e) {
            reporter.log().warn("poolscope: could not register the JMX view of pool '" + pool.name() + "': " + e);
        }
    }

    public void poolGone(PoolHandle pool) {
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

    private OpenMBean agentBean() throws OpenDataException {
        return new OpenMBean("io.poolscope.Agent", "poolscope: the agent")
                .attribute("Version", "poolscope's version", SimpleType.STRING, () -> version)
                .attribute("Options", "The options in force", Tables.KEY_VALUE, () -> Tables.keyValues(options.describe()))
                .attribute("Pools", "The pools seen", new ArrayType<String[]>(1, SimpleType.STRING), this::poolNames)
                .attribute("InternalErrors", "Failures of poolscope's own code (never passed to the application)",
                        SimpleType.LONG, () -> recording.errors().count())
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
                        new ArrayType<String[]>(1, SimpleType.STRING), () -> skippedAdapters.get())
                .operation("dump", "The dump of every pool as text", SimpleType.STRING,
                        () -> reporter.dumpAll(DumpReason.ON_DEMAND));
    }

    private String[] poolNames() {
        List<String> names = new ArrayList<>();
        for (PoolHandle pool : recording.pools()) {
            names.add(pool.name());
        }
        return names.toArray(new String[0]);
    }
}
