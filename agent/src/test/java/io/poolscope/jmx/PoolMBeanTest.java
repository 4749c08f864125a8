package io.poolscope.jmx;

import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.pools.PoolCounters;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.report.Log;
import io.poolscope.report.Reporter;
import io.poolscope.report.ReporterTicks;
import org.example.fakeapp.FakeApp;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeOperationsException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularType;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool and Agent MBeans in this JVM's platform MBeanServer, over a fake pool. */
class PoolMBeanTest {

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final String LOAD_ORDERS = "org.example.fakeapp.FakeApp.loadOrders(FakeApp.java:";

    /** Keeps what poolscope logs. */
    private static final class MemoryLog implements Log {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }
    }

    /** A fake pool's introspector that counts how often the pool's own counters are read. */
    private static final class CountingIntrospector extends FakeIntrospector {
        final AtomicInteger counterReads = new AtomicInteger();
        final AtomicInteger active = new AtomicInteger();

        CountingIntrospector() {
            super(2);
        }

        @Override
        public PoolCounters counters(Object pool) {
            counterReads.incrementAndGet();
            int out = active.get();
            return new PoolCounters(out, Math.max(0, 2 - out), 2, 0);
        }
    }

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final MemoryLog log = new MemoryLog();
    private final CountingIntrospector introspector = new CountingIntrospector();
    private final AtomicReference<String> changed = new AtomicReference<>();
    private Recording recording;
    private Reporter reporter;
    private JmxRegistrar jmx;
    private FakePool pool;
    private FakeApp app;
    private ObjectName name;

    private void start(String options) throws Exception {
        Options parsed = Options.parse(options, new Properties());
        recording = new Recording(parsed, type -> introspector);
        reporter = new Reporter(recording, log, parsed);
        recording.listener(reporter);
        jmx = new JmxRegistrar(recording, reporter, parsed, "test");
        reporter.onPoolAdded(jmx::poolAdded);
        reporter.onPoolGone(jmx::poolGone);
        reporter.onEvents(jmx);
        jmx.control((option, value, by) -> {
            option.parse(value); // refuses a bad value as the runtime does
            changed.set(option.name() + "=" + value + " by " + by);
            return option.name() + ": old -> " + value;
        });
        String poolName = "mbean-test-" + POOLS.incrementAndGet();
        pool = new FakePool(recording.recorder(), poolName);
        app = new FakeApp(pool);
        name = JmxRegistrar.poolName(poolName);
    }

    /** The first pass of the scanner registers the MBean of the pool the application used. */
    private void register() {
        tick();
        assertTrue(server.isRegistered(name), name + " registered");
    }

    private void tick() {
        ReporterTicks.tick(reporter, System.nanoTime());
    }

    /** A pass of the scanner that sees the leases as if {@code seconds} had passed. */
    private void tickLater(int seconds) {
        ReporterTicks.tick(reporter, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
    }

    private PoolHandle handle() {
        return recording.pools().get(0);
    }

    @AfterEach
    void unregister() {
        if (jmx != null) {
            jmx.unregisterAll();
        }
    }

    private Object attribute(String attribute) throws Exception {
        return server.getAttribute(name, attribute);
    }

    private void take(Object connection) {
        app.loadOrders(connection);
        introspector.active.incrementAndGet();
    }

    private void give(Object connection) {
        introspector.active.decrementAndGet();
        app.close(connection);
    }

    @Test
    void everyAttributeOperationAndNotificationIsOfAnOpenTypeAndDescribed() throws Exception {
        start("stacks=full,leakThreshold=1ms");
        take(new Object());
        register();
        assertDescribedAndOpen(name);
        assertDescribedAndOpen(JmxRegistrar.agentName());

        MBeanInfo info = server.getMBeanInfo(name);
        List<String> types = new ArrayList<>();
        for (MBeanNotificationInfo notification : info.getNotifications()) {
            assertFalse(notification.getDescription().isEmpty(), notification.toString());
            types.addAll(List.of(notification.getNotifTypes()));
        }
        assertEquals(List.of("poolscope.leak.suspected", "poolscope.leak.returned", "poolscope.pool.exhausted",
                "poolscope.acquire.slow", "poolscope.connection.failed"), types);
        for (CompositeType data : List.of(PoolNotifications.SUSPECTED_LEAK_DATA, PoolNotifications.LEAK_RETURNED_DATA,
                PoolNotifications.EXHAUSTED_DATA, PoolNotifications.SLOW_ACQUIRE_DATA,
                PoolNotifications.CONNECTION_FAILED_DATA)) {
            assertItemsDescribed(data);
        }
    }

    private void assertDescribedAndOpen(ObjectName bean) throws Exception {
        MBeanInfo info = server.getMBeanInfo(bean);
        assertFalse(info.getDescription().isEmpty());
        assertTrue(info.getAttributes().length > 10, bean + " has its attributes");
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertFalse(attribute.getDescription().trim().isEmpty(), attribute.getName() + " is described");
            OpenType<?> type = ((OpenMBeanAttributeInfo) attribute).getOpenType();
            Object value = server.getAttribute(bean, attribute.getName());
            assertTrue(type.isValue(value), bean + "." + attribute.getName() + " = " + value + " is not a " + type);
            if (type instanceof TabularType) {
                assertItemsDescribed(((TabularType) type).getRowType());
            } else if (type instanceof CompositeType) {
                assertItemsDescribed((CompositeType) type);
            }
        }
        for (MBeanOperationInfo operation : info.getOperations()) {
            assertFalse(operation.getDescription().trim().isEmpty(), operation.getName() + " is described");
            for (MBeanParameterInfo parameter : operation.getSignature()) {
                assertFalse(parameter.getDescription().trim().isEmpty(), operation.getName() + "(" + parameter.getName() + ")");
                assertEquals(String.class.getName(), parameter.getType());
            }
        }
    }

    private static void assertItemsDescribed(CompositeType type) {
        for (String item : type.keySet()) {
            assertFalse(type.getDescription(item).trim().isEmpty(), type.getTypeName() + "." + item + " is described");
        }
    }

    @Test
    void oneRefreshReadsThePoolOnceAndLaterReadsWithinASecondUseTheSameReading() throws Exception {
        start("stacks=full");
        take(new Object());
        register();
        String[] all = attributeNames();
        int before = introspector.counterReads.get();

        AttributeList first = server.getAttributes(name, all);
        assertEquals(all.length, first.size(), "every attribute read");
        assertEquals(2, introspector.counterReads.get() - before, "one reading of the pool: its counters before and"
                + " after its leases, for " + all.length + " attributes");
        Object snapshotTime = attribute("SnapshotTime");
        AttributeList second = server.getAttributes(name, all);
        assertEquals(all.length, second.size());
        if (attribute("SnapshotTime").equals(snapshotTime)) { // within the second: the same reading
            assertEquals(2, introspector.counterReads.get() - before, "read again within the second");
        }
    }

    private String[] attributeNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
            names.add(attribute.getName());
        }
        return names.toArray(new String[0]);
    }

    @Test
    void theFiguresOfOneReadingAgreeWhileThePoolIsBusy() throws Exception {
        start("stacks=auto");
        take(new Object());
        register();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread worker = new Thread(() -> {
                Object connection = new Object();
                while (!stop.get()) {
                    take(connection);
                    give(connection);
                }
            }, "busy-" + t);
            worker.start();
            workers.add(worker);
        }
        PoolMBean bean = jmxBean();
        try {
            for (int i = 0; i < 300; i++) {
                bean.invalidate(); // a new reading each time, as if a second had passed
                AttributeList read = server.getAttributes(name,
                        new String[]{"Acquires", "LeasesTaken", "Releases", "Verdict", "LeasesOut", "ActiveConnections"});
                long acquires = (Long) value(read, "Acquires");
                long leases = (Long) value(read, "LeasesTaken");
                long releases = (Long) value(read, "Releases");
                String verdict = (String) value(read, "Verdict");
                assertTrue(releases <= leases && leases <= acquires,
                        "releases " + releases + " <= leases " + leases + " <= acquires " + acquires);
                assertFalse(verdict.contains("before poolscope"), "poolscope ran from the start: " + verdict);
            }
        } finally {
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
        }
    }

    private PoolMBean jmxBean() throws Exception {
        java.lang.reflect.Field beans = JmxRegistrar.class.getDeclaredField("beans");
        beans.setAccessible(true);
        return (PoolMBean) ((java.util.Map<?, ?>) beans.get(jmx)).get(handle());
    }

    private static Object value(AttributeList list, String attribute) {
        for (Attribute entry : list.asList()) {
            if (entry.getName().equals(attribute)) {
                return entry.getValue();
            }
        }
        throw new AssertionError(attribute + " not in " + list);
    }

    @Test
    void leasesAreListedOldestFirstUpToMaxLeasesShown() throws Exception {
        start("stacks=full,maxLeasesShown=2");
        take(new Object());
        take(new Object());
        take(new Object());
        register();

        TabularData leases = (TabularData) attribute("Leases");
        assertEquals(2, leases.size());
        assertEquals(1, attribute("LeasesNotShown"));
        assertEquals(3, attribute("LeasesOut"));
        CompositeData oldest = leases.get(new Object[]{0});
        CompositeData next = leases.get(new Object[]{1});
        assertTrue((Long) oldest.get("ageMillis") >= (Long) next.get("ageMillis"), oldest + " then " + next);
        assertEquals(Thread.currentThread().getName(), oldest.get("thread"));
        assertEquals("RUNNABLE", oldest.get("threadState"));
        assertTrue(((String) oldest.get("callSite")).startsWith(LOAD_ORDERS), oldest.toString());
        assertTrue(((String) oldest.get("stack")).startsWith("at " + LOAD_ORDERS), oldest.toString());

        TabularData sites = (TabularData) attribute("CallSites");
        CompositeData top = sites.get(new Object[]{0});
        assertTrue(((String) top.get("callSite")).startsWith(LOAD_ORDERS), top.toString());
        assertEquals(3, top.get("liveLeases"));
        assertEquals(0, ((TabularData) attribute("Waiters")).size());
        assertEquals("POOL_EXHAUSTED", attribute("VerdictKind"));
        assertTrue(((String) attribute("VerdictCallSite")).startsWith(LOAD_ORDERS));
        assertEquals(3L, ((CompositeData) attribute("VerdictNumbers")).get("connectionsAtCallSite"));
    }

    @Test
    void poolMBeanNamesAreQuotedOnlyWhereObjectNameNeedsIt() throws Exception {
        assertEquals("poolscope:type=Pool,name=HikariPool-1", JmxRegistrar.poolName("HikariPool-1").toString());
        assertEquals("poolscope:type=Pool,name=shop db #2", JmxRegistrar.poolName("shop db #2").toString());
        for (String pool : List.of("agroal:jdbc:h2:mem:orders", "a,b", "k=v", "say \"hi\"", "any*", "one?",
                "two\nlines", "")) {
            ObjectName quoted = JmxRegistrar.poolName(pool);
            assertEquals(ObjectName.quote(pool), quoted.getKeyProperty("name"), pool);
            assertEquals(pool, ObjectName.unquote(quoted.getKeyProperty("name")));
            assertFalse(quoted.isPattern(), quoted.toString());
        }
        assertEquals("poolscope:type=Pool,name=\"agroal:jdbc:h2:mem:orders\"",
                JmxRegistrar.poolName("agroal:jdbc:h2:mem:orders").toString());
    }

    @Test
    void notificationsCarryOpenTypeDataAndAreRateLimitedLikeTheDumps() throws Exception {
        start("stacks=full,leakThreshold=1s,dumpCooldown=1h");
        Object first = new Object();
        take(first);
        register();
        List<Notification> received = new CopyOnWriteArrayList<>();
        server.addNotificationListener(name, (notification, handback) -> received.add(notification), null, null);

        tickLater(2);
        Notification leak = only(received, "poolscope.leak.suspected");
        assertEquals(name, leak.getSource());
        assertTrue(leak.getMessage().startsWith("suspected leak in pool '" + handle().name() + "': a connection held "),
                leak.getMessage());
        CompositeData leakData = (CompositeData) leak.getUserData();
        assertEquals(PoolNotifications.SUSPECTED_LEAK_DATA, leakData.getCompositeType());
        assertTrue(((String) leakData.get("callSite")).startsWith(LOAD_ORDERS), leakData.toString());
        assertEquals(0L, leakData.get("moreSinceLast"));

        Object second = new Object();
        Object third = new Object();
        take(second);
        take(third);
        tickLater(2);
        assertEquals(1, count(received, "poolscope.leak.suspected"), "held back within dumpCooldown");
        jmx.tick(System.nanoTime() + TimeUnit.HOURS.toNanos(2));
        assertEquals(2, count(received, "poolscope.leak.suspected"), "sent when the cooldown ended");
        Notification heldBack = last(received, "poolscope.leak.suspected");
        assertEquals(1L, ((CompositeData) heldBack.getUserData()).get("moreSinceLast"), "two held back: one sent, one more");
        assertTrue(heldBack.getMessage().endsWith("(and 1 more suspected leaks since the last notification)"),
                heldBack.getMessage());

        give(first);
        tick();
        CompositeData returned = (CompositeData) only(received, "poolscope.leak.returned").getUserData();
        assertEquals(Thread.currentThread().getName(), returned.get("closedBy"));

        app.loadOrdersTimingOut();
        tickLater(2);
        Notification exhausted = only(received, "poolscope.pool.exhausted");
        CompositeData exhaustedData = (CompositeData) exhausted.getUserData();
        assertEquals("POOL_EXHAUSTED", exhaustedData.get("verdictKind")); // the leases are younger than 1 s in real time
        assertTrue(((String) exhaustedData.get("callSite")).startsWith(LOAD_ORDERS), exhaustedData.toString());
        assertEquals(1L, exhaustedData.get("timeouts"));
        assertTrue(exhausted.getMessage().contains("exhausted: an acquire timed out; POOL EXHAUSTED: 2 of 2 connections out"),
                exhausted.getMessage());

        recording.recorder().createEnd(pool, recording.recorder().createStart(pool),
                new SQLException("FATAL: password authentication failed for user \"app\""));
        tick();
        CompositeData failed = (CompositeData) only(received, "poolscope.connection.failed").getUserData();
        assertEquals("java.sql.SQLException: FATAL: password authentication failed for user \"app\"", failed.get("message"));
        assertEquals(1L, failed.get("failures"));

        for (Notification notification : received) {
            CompositeData data = (CompositeData) notification.getUserData();
            for (String item : data.getCompositeType().keySet()) {
                assertTrue(data.getCompositeType().getType(item).isValue(data.get(item)), item);
            }
            assertEquals(handle().name(), data.get("pool"));
        }
        List<Long> sequence = new ArrayList<>();
        received.forEach(notification -> sequence.add(notification.getSequenceNumber()));
        List<Long> sorted = new ArrayList<>(sequence);
        Collections.sort(sorted);
        assertEquals(sorted, sequence, "numbered in order");
    }

    private static Notification only(List<Notification> received, String type) {
        assertEquals(1, count(received, type), type + " in " + received);
        return last(received, type);
    }

    private static long count(List<Notification> received, String type) {
        return received.stream().filter(notification -> notification.getType().equals(type)).count();
    }

    private static Notification last(List<Notification> received, String type) {
        Notification found = null;
        for (Notification notification : received) {
            if (notification.getType().equals(type)) {
                found = notification;
            }
        }
        assertNotNull(found, type);
        return found;
    }

    @Test
    void resetStatisticsCountsAgainFromNowAndNeverShowsMoreReleasesThanLeases() throws Exception {
        start("stacks=full,leakThreshold=0");
        Object first = new Object();
        Object second = new Object();
        take(first);
        take(second);
        give(first);
        app.loadOrdersTimingOut();
        register();
        assertEquals(3L, attribute("Acquires"));

        String said = (String) server.invoke(JmxRegistrar.agentName(), "resetStatistics", new Object[0], new String[0]);
        assertTrue(said.contains("statistics of 1 pool reset"), said);
        assertTrue(log.lines.contains("INFO " + said), log.lines.toString());
        assertFalse(((String) server.getAttribute(JmxRegistrar.agentName(), "StatisticsResetTime")).isEmpty());
        assertEquals(1L, attribute("Acquires"), "the connection out counts as taken at the reset");
        assertEquals(1L, attribute("LeasesTaken"));
        assertEquals(0L, attribute("Releases"));
        assertEquals(0L, attribute("Timeouts"));

        give(second);
        jmxBean().invalidate();
        assertEquals(1L, attribute("Releases"));
        assertEquals(1L, attribute("LeasesTaken"));
        take(first);
        give(first);
        jmxBean().invalidate();
        assertEquals(2L, attribute("Acquires"));
        assertEquals(2L, attribute("Releases"));
        assertEquals(0, attribute("LeasesOut"));
    }

    @Test
    void longLeasesAndTimeoutsCountForTheCallSiteThatHeldTheConnections() throws Exception {
        start("stacks=full,leakThreshold=0");
        Object held = new Object();
        take(held);
        register();
        app.loadOrdersTimingOut(); // while loadOrders holds a connection
        tick();
        Thread.sleep(600); // the lease must be long: time passing, not waiting for another thread
        give(held);
        jmxBean().invalidate();

        CompositeData site = ((TabularData) attribute("CallSites")).get(new Object[]{0});
        assertTrue(((String) site.get("callSite")).startsWith(LOAD_ORDERS), site.toString());
        assertEquals(0, site.get("liveLeases"));
        assertEquals(1L, site.get("longLeasesSinceStart"));
        assertTrue((Double) site.get("meanLongHoldMillis") >= 500, site.toString());
        assertEquals(1L, site.get("timeoutsWhileHeld"));
    }

    @Test
    void setOperationsGoThroughTheControlAndRefuseBadValuesWithTheReason() throws Exception {
        start("stacks=full");
        take(new Object());
        register();
        ObjectName agent = JmxRegistrar.agentName();
        Object said = server.invoke(agent, "setLeakThreshold", new Object[]{"5s"}, new String[]{String.class.getName()});
        assertEquals("leakThreshold: old -> 5s", said);
        assertEquals("leakThreshold=5s by JMX setLeakThreshold", changed.get());
        server.invoke(agent, "setStackMode", new Object[]{"off"}, new String[]{String.class.getName()});
        assertEquals("stacks=off by JMX setStackMode", changed.get());

        RuntimeOperationsException refused = assertThrows(RuntimeOperationsException.class, () -> server.invoke(agent,
                "setStackMode", new Object[]{"sometimes"}, new String[]{String.class.getName()}));
        assertTrue(refused.getTargetException() instanceof IllegalArgumentException, refused.toString());
        assertTrue(refused.getMessage().contains("expected off, auto or full"), refused.getMessage());

        String toLog = (String) server.invoke(agent, "dumpToLog", new Object[0], new String[0]);
        assertEquals("the dump of 1 pool written to poolscope's log (stderr)", toLog);
        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("INFO ==== poolscope dump: pool '"
                + handle().name() + "' (FakeCP) - on demand")), log.lines.toString());
        assertEquals(Option.MAX_LEASES_SHOWN.defaultText(),
                ((TabularData) server.getAttribute(agent, "Options")).get(new Object[]{"maxLeasesShown"}).get("value"));
    }
}
