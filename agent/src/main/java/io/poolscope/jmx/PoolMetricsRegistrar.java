package io.poolscope.jmx;

import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.report.Log;

import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers one {@code poolscope:type=PoolMetrics,name=<pool>} per pool (see {@link PoolMetrics}),
 * on the scanner thread when the pool is first seen, and takes it away with the pool or at
 * {@code off}.
 */
public final class PoolMetricsRegistrar {

    private final Recording recording;
    private final Log log;
    private final Map<PoolHandle, ObjectName> registered = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PoolMetricsRegistrar(Recording recording, Log log) {
        this.recording = recording;
        this.log = log;
    }

    /** The name, the pool's name quoted only if {@link ObjectName} needs it ({@code ,=:*?"} or a newline). */
    public static ObjectName name(String pool) throws MalformedObjectNameException {
        return new ObjectName(JmxRegistrar.DOMAIN + ":type=PoolMetrics,name=" + valueOf(pool));
    }

    static String valueOf(String pool) {
        if (pool.isEmpty()) {
            return ObjectName.quote(pool);
        }
        for (int i = 0; i < pool.length(); i++) {
            if (",=:*?\"\n".indexOf(pool.charAt(i)) >= 0) {
                return ObjectName.quote(pool);
            }
        }
        return pool;
    }

    public synchronized void poolAdded(PoolHandle pool) {
        if (closed) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = name(pool.name());
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new PoolMetrics(pool, recording, System::nanoTime), name);
            registered.put(pool, name);
        } catch (Exception | LinkageError e) {
            log.warn("poolscope: could not register the metrics MBean of pool '" + pool.name() + "': " + e);
        }
    }

    public void poolGone(PoolHandle pool) {
        ObjectName name = registered.remove(pool);
        if (name != null) {
            unregister(ManagementFactory.getPlatformMBeanServer(), name);
        }
    }

    /** {@code off}: every pool's metrics MBean goes away, and none is registered again. */
    public synchronized void unregisterAll() {
        closed = true;
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<ObjectName> names = new ArrayList<>(registered.values());
        registered.clear();
        for (ObjectName name : names) {
            unregister(server, name);
        }
    }

    private static void unregister(MBeanServer server, ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (Exception e) {
            // already gone
        }
    }
}
