package io.poolscope.it;

import com.sun.tools.attach.VirtualMachine;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeOperationsException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularType;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * poolscope's MBeans read from another JVM as JConsole reads them: attached through the JDK's attach
 * API, whose local connector address needs no network port, with no poolscope class on this side.
 */
class JmxIT {

    private static final String LEAK_SITE = "scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:";
    private static final String[] STRING = {String.class.getName()};

    @Test
    void everyAttributeIsAnOpenTypeAndRightAndDumpWorks() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("stacks=full").args("serve").start();
             Client connector = connectWhenReady(jvm)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName pool = new ObjectName("poolscope:type=Pool,name=it-pool"); // as a user types it: no quotes
            ObjectName agent = new ObjectName("poolscope:type=Agent");
            Map<String, Object> p = readAll(server, pool);
            Map<String, Object> a = readAll(server, agent);

            assertEquals("it-pool", p.get("Name"));
            assertEquals("HikariCP", p.get("Library"));
            assertEquals("BUSY", p.get("VerdictKind"));
            assertTrue(((String) p.get("Verdict")).startsWith("BUSY: 1 connection out of 3, most at " + LEAK_SITE),
                    (String) p.get("Verdict"));
            assertTrue(((String) p.get("VerdictCallSite")).startsWith(LEAK_SITE));
            CompositeData numbers = (CompositeData) p.get("VerdictNumbers");
            assertEquals(1L, numbers.get("connectionsOut"));
            assertEquals(0L, numbers.get("connectionsUnseen"));
            assertEquals(3L, numbers.get("maxConnections"));
            assertEquals(1, p.get("ActiveConnections"));
            assertEquals(2, p.get("IdleConnections"));
            assertEquals(3, p.get("TotalConnections"));
            assertEquals(0, p.get("ThreadsAwaitingConnection"));
            assertEquals(3, p.get("MaxConnections"));
            assertEquals(500L, p.get("AcquireTimeoutMillis"));
            assertEquals(1, p.get("LeasesOut"));
            assertEquals(0, p.get("LeasesNotShown"));
            assertEquals(0L, p.get("LeasesNotTracked"));
            assertEquals(0, p.get("WaitingThreads"));
            assertEquals(21L, p.get("Acquires"));
            assertEquals(21L, p.get("LeasesTaken"));
            assertEquals(20L, p.get("Releases"));
            assertEquals(0L, p.get("Timeouts"));
            assertEquals(0L, p.get("Failures"));
            assertEquals(0L, p.get("SuspectedLeaks"));
            assertEquals(3L, p.get("ConnectionsCreated"));
            assertEquals(0L, p.get("ConnectionCreationFailures"));
            assertEquals("", p.get("LastConnectionCreationFailure"));
            assertTrue((Double) p.get("WaitMaxMillis") >= (Double) p.get("WaitP50Millis"));
            assertTrue((Double) p.get("HoldP99Millis") > 0, "20 connections were held and returned");
            assertEquals("3", ((TabularData) p.get("Configuration")).get(new Object[]{"maximumPoolSize"}).get("value"));
            assertFalse(((TabularData) p.get("Configuration")).toString().contains("it-secret-password"));

            TabularData leases = (TabularData) p.get("Leases");
            assertEquals(1, leases.size());
            CompositeData lease = leases.get(new Object[]{0});
            assertTrue(((String) lease.get("callSite")).startsWith(LEAK_SITE), lease.toString());
            assertEquals("main", lease.get("thread"));
            assertTrue(EnumSet.of(Thread.State.RUNNABLE, Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.BLOCKED)
                    .contains(Thread.State.valueOf((String) lease.get("threadState"))), lease.toString());
            assertTrue((Long) lease.get("ageMillis") >= 0);
            assertEquals(Boolean.FALSE, lease.get("suspectedLeak"));
            assertTrue(((String) lease.get("stack")).startsWith("at " + LEAK_SITE), lease.toString());
            assertTrue(((String) lease.get("stack")).contains("at scenarios.PoolApp.serve(PoolApp.java:"));
            TabularData sites = (TabularData) p.get("CallSites");
            CompositeData site = sites.get(new Object[]{0});
            assertTrue(((String) site.get("callSite")).startsWith(LEAK_SITE), sites.toString());
            assertEquals(1, site.get("liveLeases"));
            assertEquals(0, ((TabularData) p.get("Waiters")).size());

            assertEquals("it-pool", String.join(",", (String[]) a.get("Pools")));
            assertEquals(0L, a.get("InternalErrors"));
            assertEquals("", a.get("LastInternalError"));
            assertEquals("", a.get("StatisticsResetTime"));
            assertTrue(((String) a.get("Jvm")).endsWith("pid " + jvm.pid()), (String) a.get("Jvm"));
            assertEquals(0, ((String[]) a.get("SkippedAdapters")).length);
            assertEquals(0L, a.get("ReleasesOfLeasesBeforePoolscope"));
            TabularData options = (TabularData) a.get("Options");
            assertEquals("full", options.get(new Object[]{"stacks"}).get("value"));
            assertEquals("500", options.get(new Object[]{"maxLeasesShown"}).get("value"));

            String dump = (String) server.invoke(agent, "dump", new Object[0], new String[0]);
            assertTrue(dump.contains("poolscope dump: pool 'it-pool' (HikariCP) - on demand"), dump);
            assertTrue(dump.contains("at " + LEAK_SITE), dump);
            String poolDump = (String) server.invoke(pool, "dump", new Object[0], new String[0]);
            assertTrue(poolDump.startsWith("==== poolscope dump: pool 'it-pool' (HikariCP) - on demand"), poolDump);

            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    @Test
    void agentOperationsChangeTheRecordingAndLogOldAndNewValues() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("stacks=full").args("serve").start();
             Client connector = connectWhenReady(jvm)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName agent = new ObjectName("poolscope:type=Agent");
            ObjectName pool = new ObjectName("poolscope:type=Pool,name=it-pool");

            assertEquals("leakThreshold: 30s -> 5s", server.invoke(agent, "setLeakThreshold", new Object[]{"5s"}, STRING));
            jvm.awaitLog("the change", log -> log.contains("poolscope: leakThreshold changed from 30s to 5s (by JMX setLeakThreshold)"));
            assertEquals("5s", ((TabularData) server.getAttribute(agent, "Options")).get(new Object[]{"leakThreshold"}).get("value"));
            assertEquals(5_000L, ((CompositeData) server.getAttribute(pool, "VerdictNumbers")).get("leakThresholdMillis"),
                    "the pool's next reading uses it");

            assertEquals("stacks: full -> off", server.invoke(agent, "setStackMode", new Object[]{"off"}, STRING));
            jvm.awaitLog("the change", log -> log.contains("poolscope: stacks changed from full to off (by JMX setStackMode)"));

            RuntimeOperationsException refused = assertThrows(RuntimeOperationsException.class,
                    () -> server.invoke(agent, "setLeakThreshold", new Object[]{"soon"}, STRING));
            assertTrue(refused.getMessage().startsWith("bad value 'soon' for leakThreshold"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("leakThreshold stays 5s"), refused.getMessage());
            assertTrue(refused.getTargetException() instanceof IllegalArgumentException);

            String reset = (String) server.invoke(agent, "resetStatistics", new Object[0], new String[0]);
            assertTrue(reset.startsWith("poolscope: statistics of 1 pool reset"), reset);
            AttributeList counts = server.getAttributes(pool, new String[]{"Acquires", "LeasesTaken", "Releases"});
            assertEquals(List.of(1L, 1L, 0L), values(counts), "the leaked connection counts as taken at the reset");
            assertNotEquals("", server.getAttribute(agent, "StatisticsResetTime"));

            String written = (String) server.invoke(agent, "dumpToLog", new Object[0], new String[0]);
            assertTrue(written.startsWith("the dump of 1 pool written to poolscope's log ("), written);
            jvm.awaitLog("the dump", log -> log.contains("poolscope dump: pool 'it-pool' (HikariCP) - on demand"));

            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    @Test
    void notificationsReachAClientWithOpenTypeData() throws Exception {
        ForkedJvm.Builder builder = ForkedJvm.builder().mainClass("scenarios.JmxApp").args("notify")
                .agent("stacks=full,leakThreshold=300ms,slowAcquire=300ms,dumpCooldown=1s");
        try (ForkedJvm jvm = builder.start(); Client connector = connectWhenReady(jvm)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName main = new ObjectName("poolscope:type=Pool,name=it-pool");
            ObjectName slow = new ObjectName("poolscope:type=Pool,name=it-slow");
            List<Notification> received = new CopyOnWriteArrayList<>();
            server.addNotificationListener(main, (n, handback) -> received.add(n), null, null);
            server.addNotificationListener(slow, (n, handback) -> received.add(n), null, null);

            step(jvm, "leak");
            Notification leak = await(received, "poolscope.leak.suspected", "it-pool");
            assertEquals(main, leak.getSource());
            CompositeData leakData = data(leak, "pool", "thread", "threadId", "heldMillis", "waitedMillis",
                    "leakThresholdMillis", "callSite", "stack", "moreSinceLast");
            assertEquals("main", leakData.get("thread"));
            assertEquals(300L, leakData.get("leakThresholdMillis"));
            assertTrue((Long) leakData.get("heldMillis") >= 300);
            assertTrue(((String) leakData.get("callSite")).startsWith("scenarios.JmxApp$Repository.forget(JmxApp.java:"),
                    leakData.toString());
            assertTrue(leak.getMessage().startsWith("suspected leak in pool 'it-pool': a connection held "), leak.getMessage());

            step(jvm, "return");
            CompositeData returned = data(await(received, "poolscope.leak.returned", "it-pool"),
                    "pool", "thread", "heldMillis", "callSite", "closedBy", "moreSinceLast");
            assertEquals("main", returned.get("closedBy"));

            step(jvm, "slow");
            Notification waited = await(received, "poolscope.acquire.slow", "it-slow");
            CompositeData slowData = data(waited, "pool", "thread", "waitingMillis", "callSite", "slowAcquireMillis",
                    "threadsWaiting", "verdictKind", "verdict");
            assertEquals("slow-waiter", slowData.get("thread"));
            assertTrue(((String) slowData.get("callSite")).startsWith("scenarios.JmxApp$Repository.waitForConnection("),
                    slowData.toString());
            assertEquals(300L, slowData.get("slowAcquireMillis"));
            TabularData waiters = (TabularData) server.getAttribute(slow, "Waiters");
            if (waiters.size() == 1) { // still waiting (it gives up after 3 s)
                CompositeData waiter = waiters.get(new Object[]{0});
                assertEquals("slow-waiter", waiter.get("thread"));
                assertTrue(((String) waiter.get("callSite")).startsWith("scenarios.JmxApp$Repository.waitForConnection("),
                        waiter.toString());
            }
            CompositeData exhausted = data(await(received, "poolscope.pool.exhausted", "it-slow"), "pool", "verdictKind",
                    "verdict", "callSite", "connectionsOut", "maxConnections", "threadsWaiting", "timeouts", "moreSinceLast");
            assertTrue(((String) exhausted.get("verdictKind")).startsWith("POOL_EXHAUSTED"), exhausted.toString());
            assertTrue(((String) exhausted.get("callSite")).startsWith("scenarios.JmxApp$Repository.forget("), exhausted.toString());
            assertEquals(1L, exhausted.get("timeouts"));

            step(jvm, "broken");
            ObjectName broken = new ObjectName("poolscope:type=Pool,name=it-broken");
            awaitRegistered(server, broken);
            server.addNotificationListener(broken, (n, handback) -> received.add(n), null, null);
            CompositeData failed = data(await(received, "poolscope.connection.failed", "it-broken"),
                    "pool", "message", "failures", "failuresSoFar");
            assertTrue(((String) failed.get("message")).contains("Wrong user name or password"), failed.toString());
            assertFalse(((String) failed.get("message")).contains("wrong password"), "no credentials: " + failed);
            assertTrue((Long) failed.get("failures") >= 1);

            jvm.send("exit");
            assertEquals(0, jvm.awaitExit());
        }
    }

    @Test
    void underSteadyLoadFiguresAgreeAndNoReadingClaimsLeasesTakenBeforePoolscope() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().mainClass("scenarios.JmxApp").args("load").agent("").start();
             Client connector = connectWhenReady(jvm)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName pool = new ObjectName("poolscope:type=Pool,name=it-load");
            List<String> snapshots = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            int readings = 0;
            while (System.nanoTime() < deadline || snapshots.size() < 3) {
                AttributeList read = server.getAttributes(pool, new String[]{"SnapshotTime", "Acquires", "LeasesTaken",
                        "Releases", "Verdict", "VerdictNumbers"});
                List<Object> v = values(read);
                long acquires = (Long) v.get(1);
                long leases = (Long) v.get(2);
                long releases = (Long) v.get(3);
                assertTrue(releases <= leases && leases <= acquires, releases + " <= " + leases + " <= " + acquires);
                assertFalse(((String) v.get(4)).contains("before poolscope"), (String) v.get(4));
                assertEquals(0L, ((CompositeData) v.get(5)).get("connectionsUnseen"), v.get(4).toString());
                if (!snapshots.contains((String) v.get(0))) {
                    snapshots.add((String) v.get(0));
                }
                readings++;
                Thread.sleep(20); // a JConsole-like pace of readings, not a wait for the other JVM
            }
            assertTrue(readings >= 10 && snapshots.size() >= 3, readings + " readings of " + snapshots.size() + " snapshots");
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
            assertTrue(Long.parseLong(jvm.result("rounds")) > 0);
        }
    }

    private static void step(ForkedJvm jvm, String name) throws Exception {
        jvm.send(name);
        ForkedJvm.awaitText("step " + name, jvm::stdout, out -> out.contains("result step=" + name + "\n"),
                Duration.ofSeconds(20));
    }

    private static Notification await(List<Notification> received, String type, String pool) throws InterruptedException {
        String seen = ForkedJvm.awaitText(type + " of " + pool, () -> received.stream()
                        .map(n -> n.getType() + " " + ((CompositeData) n.getUserData()).get("pool")).collect(Collectors.joining("\n")),
                text -> text.contains(type + " " + pool), Duration.ofSeconds(20));
        for (Notification notification : received) {
            if (notification.getType().equals(type) && pool.equals(((CompositeData) notification.getUserData()).get("pool"))) {
                assertFalse(notification.getMessage().isEmpty());
                assertTrue(notification.getSequenceNumber() > 0);
                return notification;
            }
        }
        throw new AssertionError(seen);
    }

    /** The notification's user data: a composite of open types with exactly these items, each described. */
    private static CompositeData data(Notification notification, String... items) {
        CompositeData data = (CompositeData) notification.getUserData();
        CompositeType type = data.getCompositeType();
        assertEquals(new java.util.TreeSet<>(List.of(items)), type.keySet(), type.getTypeName());
        for (String item : items) {
            assertTrue(type.getType(item).isValue(data.get(item)), item + " of " + data);
            assertFalse(type.getDescription(item).isEmpty(), item);
        }
        return data;
    }

    private static void awaitRegistered(MBeanServerConnection server, ObjectName name) throws Exception {
        ForkedJvm.awaitText(name + " registered", () -> {
            try {
                return String.valueOf(server.isRegistered(name));
            } catch (java.io.IOException e) {
                return e.toString();
            }
        }, "true"::equals, Duration.ofSeconds(20));
    }

    private static List<Object> values(AttributeList list) {
        List<Object> values = new ArrayList<>();
        for (Attribute attribute : list.asList()) {
            values.add(attribute.getValue());
        }
        return values;
    }

    /** A connection to another JVM's MBeans; closing it after that JVM has exited is no failure. */
    static final class Client implements AutoCloseable {
        private final JMXConnector connector;

        Client(JMXConnector connector) {
            this.connector = connector;
        }

        MBeanServerConnection getMBeanServerConnection() throws java.io.IOException {
            return connector.getMBeanServerConnection();
        }

        @Override
        public void close() {
            try {
                connector.close();
            } catch (java.io.IOException gone) {
                // the other JVM has exited
            }
        }
    }

    /** Waits for the JVM's "ready", then attaches and asks for its local JMX connector address, as JConsole does. */
    static Client connectWhenReady(ForkedJvm jvm) throws Exception {
        jvm.awaitReady();
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(jvm.pid()));
        try {
            String address = vm.startLocalManagementAgent();
            assertTrue(address.startsWith("service:jmx:rmi://127.0.0.1/stub/"), "a local stub, no port: " + address);
            return new Client(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    /** Reads every attribute of {@code name}, checking each against its declared open type and its description. */
    private static Map<String, Object> readAll(MBeanServerConnection server, ObjectName name) throws Exception {
        MBeanInfo info = server.getMBeanInfo(name);
        assertTrue(info.getAttributes().length > 10, name + " has attributes");
        Map<String, Object> values = new HashMap<>();
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertTrue(attribute instanceof OpenMBeanAttributeInfo, attribute.getName() + " declares an open type");
            assertFalse(attribute.getDescription().isEmpty(), attribute.getName() + " has a description");
            OpenType<?> type = ((OpenMBeanAttributeInfo) attribute).getOpenType();
            Object value = server.getAttribute(name, attribute.getName());
            assertTrue(type.isValue(value), name + "." + attribute.getName() + " = " + value + " is not a " + type);
            assertTrue(isOpenClass(value), attribute.getName() + ": " + (value == null ? null : value.getClass()));
            if (type instanceof TabularType) {
                CompositeType row = ((TabularType) type).getRowType();
                row.keySet().forEach(item -> assertFalse(row.getDescription(item).isEmpty(), attribute.getName() + "." + item));
            }
            values.put(attribute.getName(), value);
        }
        AttributeList all = server.getAttributes(name, values.keySet().toArray(new String[0]));
        assertEquals(values.size(), all.size(), "getAttributes returns them all");
        for (MBeanOperationInfo operation : info.getOperations()) {
            assertFalse(operation.getDescription().isEmpty(), operation.getName());
            for (MBeanParameterInfo parameter : operation.getSignature()) {
                assertFalse(parameter.getDescription().isEmpty(), operation.getName() + "(" + parameter.getName() + ")");
            }
        }
        return values;
    }

    private static boolean isOpenClass(Object value) {
        if (value == null || value instanceof CompositeData || value instanceof TabularData) {
            return true;
        }
        Class<?> type = value.getClass();
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return OpenType.ALLOWED_CLASSNAMES_LIST.contains(type.getName())
                || CompositeData.class.isAssignableFrom(type) || TabularData.class.isAssignableFrom(type);
    }
}
