package io.poolscope.jmx;

import io.poolscope.pools.PoolCounters;
import io.poolscope.record.Percentiles;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.ReflectionException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfo;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfo;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code poolscope:type=PoolMetrics,name=<pool>}: one pool's figures under the names of
 * OpenTelemetry's semantic conventions for database connection pools ({@code db.client.connection.*},
 * durations in seconds), for tools that map JMX to metrics (the Prometheus JMX exporter; see
 * {@code docs/jmx_exporter.yaml}).
 *
 * <p>The durations are summaries as composites: {@code count} and {@code sum} since start (so a
 * rate of the two gives the mean), {@code quantile_0.5}, {@code quantile_0.95},
 * {@code quantile_0.99} and {@code max} over the last minute (since start for the create time).
 * No histogram buckets: the JMX exporter cannot serve a {@code _bucket} series. All values of one read come
 * from one snapshot of the pool at most {@link #MAX_AGE_NANOS} old, so they agree with each other
 * and a scrape every few seconds costs one snapshot each.
 */
final class PoolMetrics implements DynamicMBean {

    static final String POOL_NAME = "db.client.connection.pool.name";
    static final String COUNT = "db.client.connection.count";
    static final String MAX = "db.client.connection.max";
    static final String PENDING_REQUESTS = "db.client.connection.pending_requests";
    static final String TIMEOUTS = "db.client.connection.timeouts";
    static final String CREATE_TIME = "db.client.connection.create_time";
    static final String WAIT_TIME = "db.client.connection.wait_time";
    static final String USE_TIME = "db.client.connection.use_time";

    static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    static final CompositeType COUNT_TYPE;
    static final CompositeType HISTOGRAM_TYPE;
    private static final String[] HISTOGRAM_ITEMS;
    private static final MBeanInfo INFO;

    static {
        try {
            COUNT_TYPE = new CompositeType("poolscope.ConnectionCount",
                    "Connections by db.client.connection.state",
                    new String[]{"used", "idle"},
                    new String[]{"Connections out of the pool (in use)", "Open connections waiting in the pool"},
                    new OpenType<?>[]{SimpleType.LONG, SimpleType.LONG});
            int items = 6;
            String[] names = new String[items];
            String[] descriptions = new String[items];
            OpenType<?>[] types = new OpenType<?>[items];
            int i = 0;
            names[i] = "count"; descriptions[i] = "Durations recorded since start"; types[i++] = SimpleType.LONG;
            names[i] = "sum"; descriptions[i] = "Their sum since start, seconds"; types[i++] = SimpleType.DOUBLE;
            names[i] = "quantile_0.5"; descriptions[i] = "Median, seconds, over the last minute"; types[i++] = SimpleType.DOUBLE;
            names[i] = "quantile_0.95"; descriptions[i] = "95th percentile, seconds, over the last minute"; types[i++] = SimpleType.DOUBLE;
            names[i] = "quantile_0.99"; descriptions[i] = "99th percentile, seconds, over the last minute"; types[i++] = SimpleType.DOUBLE;
            names[i] = "max"; descriptions[i] = "Longest, seconds, over the last minute"; types[i] = SimpleType.DOUBLE;
            HISTOGRAM_ITEMS = names;
            HISTOGRAM_TYPE = new CompositeType("poolscope.DurationHistogram",
                    "Durations in seconds: count and sum since start, quantiles and maximum over the last minute",
                    names, descriptions, types);
            INFO = new OpenMBeanInfoSupport(PoolMetrics.class.getName(),
                    "poolscope: one pool's figures named as OpenTelemetry's db.client.connection.* metrics",
                    new OpenMBeanAttributeInfoSupport[]{
                        attribute(POOL_NAME, "The pool's name (the name key of this MBean)", SimpleType.STRING),
                        attribute(COUNT, "Connections by state: used (out of the pool) and idle, as the pool counts them", COUNT_TYPE),
                        attribute(MAX, "The pool's maximum number of open connections (-1 unknown)", SimpleType.LONG),
                        attribute(PENDING_REQUESTS, "Threads waiting for a connection now", SimpleType.LONG),
                        attribute(TIMEOUTS, "Acquires that ended with the pool's timeout, since start", SimpleType.LONG),
                        attribute(CREATE_TIME, "Time to open a physical connection, seconds", HISTOGRAM_TYPE),
                        attribute(WAIT_TIME, "Time to obtain a connection from the pool (timed-out and failed acquires included), seconds",
                                HISTOGRAM_TYPE),
                        attribute(USE_TIME, "Time between taking a connection and returning it, seconds", HISTOGRAM_TYPE),
                    },
                    new OpenMBeanConstructorInfo[0], new OpenMBeanOperationInfo[0], new MBeanNotificationInfo[0]);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static OpenMBeanAttributeInfoSupport attribute(String name, String description, OpenType<?> type) {
        return new OpenMBeanAttributeInfoSupport(name, description, type, true, false, false);
    }

    private final PoolHandle pool;
    private final Recording recording;
    private final LongSupplier clock;
    private volatile Snapshot last;

    PoolMetrics(PoolHandle pool, Recording recording, LongSupplier clock) {
        this.pool = pool;
        this.recording = recording;
        this.clock = clock;
    }

    /** Every value of one read, taken together. */
    private static final class Snapshot {
        final long takenNanos;
        final Map<String, Object> values;

        Snapshot(long takenNanos, Map<String, Object> values) {
            this.takenNanos = takenNanos;
            this.values = values;
        }
    }

    private Snapshot snapshot() {
        long now = clock.getAsLong();
        Snapshot current = last;
        if (current != null && now - current.takenNanos < MAX_AGE_NANOS) {
            return current;
        }
        synchronized (this) { // one reader takes the snapshot; the others get it (never a pool thread)
            current = last;
            if (current != null && now - current.takenNanos < MAX_AGE_NANOS) {
                return current;
            }
            current = new Snapshot(now, read());
            last = current;
            return current;
        }
    }

    private Map<String, Object> read() {
        StatisticsView stats = pool.statistics();
        PoolCounters counters = pool.counters();
        int max = pool.maxConnections();
        long used = counters.active();
        if (used < 0) {
            used = recording.leases(pool, System.nanoTime()).size();
        }
        long idle = counters.idle();
        if (idle < 0 && counters.total() >= 0) {
            idle = Math.max(0, counters.total() - used);
        }
        long pending = counters.waiting();
        if (pending < 0) {
            pending = recording.waiters(pool).size();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(POOL_NAME, pool.name());
        values.put(COUNT, composite(COUNT_TYPE, new String[]{"used", "idle"}, new Object[]{used, idle}));
        values.put(MAX, (long) max);
        values.put(PENDING_REQUESTS, pending);
        values.put(TIMEOUTS, stats.timeouts());
        values.put(CREATE_TIME, histogram(stats.creates(), stats.creates()));
        values.put(WAIT_TIME, histogram(stats.waitSinceStart(), stats.waitRecent()));
        values.put(USE_TIME, histogram(stats.holdSinceStart(), stats.holdRecent()));
        return values;
    }

    private static CompositeData histogram(Percentiles sinceStart, Percentiles recent) {
        Object[] values = new Object[HISTOGRAM_ITEMS.length];
        int i = 0;
        values[i++] = sinceStart.count();
        values[i++] = sinceStart.sumNanos() / 1e9;
        values[i++] = recent.p50() / 1e9;
        values[i++] = recent.p95() / 1e9;
        values[i++] = recent.p99() / 1e9;
        values[i] = recent.max() / 1e9;
        return composite(HISTOGRAM_TYPE, HISTOGRAM_ITEMS, values);
    }

    private static CompositeData composite(CompositeType type, String[] names, Object[] values) {
        try {
            return new CompositeDataSupport(type, names, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        Object value = snapshot().values.get(name);
        if (value == null) {
            throw new AttributeNotFoundException(name);
        }
        return value;
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        Map<String, Object> values = snapshot().values; // one snapshot for the whole call
        AttributeList list = new AttributeList();
        for (String name : names) {
            Object value = values.get(name);
            if (value != null) {
                list.add(new Attribute(name, value));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String name, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(name));
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return INFO;
    }
}
