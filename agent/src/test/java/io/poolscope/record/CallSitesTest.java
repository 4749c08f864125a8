package io.poolscope.record;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class CallSitesTest {

    private static final List<String> HIKARI = Collections.singletonList("com.zaxxer.hikari.");

    private static final StackTraceElement CAPTURE = frame("io.poolscope.record.StackPolicy", "capture", 22);
    private static final StackTraceElement LEASED = frame("io.poolscope.record.ActiveRecorder", "leased", 70);
    private static final StackTraceElement POOL_ENTRY = frame("com.zaxxer.hikari.pool.PoolEntry", "createProxyConnection", 90);
    private static final StackTraceElement HIKARI_POOL = frame("com.zaxxer.hikari.pool.HikariPool", "getConnection", 181);
    private static final StackTraceElement DATA_SOURCE = frame("com.zaxxer.hikari.HikariDataSource", "getConnection", 128);
    private static final StackTraceElement DAO = frame("com.shop.OrderDao", "load", 42);
    private static final StackTraceElement CHECKOUT = frame("com.shop.Checkout", "pay", 17);

    private static StackTraceElement frame(String className, String method, int line) {
        String file = className.substring(className.lastIndexOf('.') + 1) + ".java";
        return new StackTraceElement(className, method, file, line);
    }

    private static Throwable trace(StackTraceElement... frames) {
        Throwable trace = new Throwable();
        trace.setStackTrace(frames);
        return trace;
    }

    private static Throwable appTrace(String method) {
        return trace(CAPTURE, LEASED, POOL_ENTRY, HIKARI_POOL, DATA_SOURCE, frame("com.shop.OrderDao", method, 10), CHECKOUT);
    }

    @Test
    void poolscopesAndThePoolsFramesAreTrimmedFromTheTop() {
        CallSites callSites = new CallSites(100, 40);

        AcquisitionStack stack = callSites.intern(
                trace(CAPTURE, LEASED, POOL_ENTRY, HIKARI_POOL, DATA_SOURCE, DAO, CHECKOUT), HIKARI);

        assertEquals(List.of(DAO, CHECKOUT), stack.frames());
        assertEquals("com.shop.OrderDao.load(OrderDao.java:42)", stack.callSite());
        assertEquals(0, stack.omittedFrames());
    }

    @Test
    void onlyTheLeadingInternalFramesAreTrimmed() {
        CallSites callSites = new CallSites(100, 40);
        StackTraceElement agentBelow = frame("io.poolscope.agent.AgentMain", "premain", 5);

        AcquisitionStack stack = callSites.intern(trace(LEASED, HIKARI_POOL, DAO, HIKARI_POOL, agentBelow), HIKARI);

        assertEquals(List.of(DAO, HIKARI_POOL, agentBelow), stack.frames());
    }

    @Test
    void framesOfAnotherPoolLibraryAreKept() {
        CallSites callSites = new CallSites(100, 40);

        AcquisitionStack stack = callSites.intern(trace(LEASED, HIKARI_POOL, DAO), List.of("org.apache.tomcat.jdbc."));

        assertEquals(List.of(HIKARI_POOL, DAO), stack.frames());
    }

    @Test
    void callSiteSkipsPlumbingFramesButTheStackKeepsThem() {
        CallSites callSites = new CallSites(100, 40);
        StackTraceElement springUtils = frame("org.springframework.jdbc.datasource.DataSourceUtils", "doGetConnection", 120);
        StackTraceElement template = frame("org.springframework.jdbc.core.JdbcTemplate", "execute", 376);
        StackTraceElement reflection = frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", -2);
        StackTraceElement proxy = frame("com.sun.proxy.$Proxy12", "getConnection", -1);

        AcquisitionStack stack = callSites.intern(
                trace(LEASED, HIKARI_POOL, proxy, springUtils, template, reflection, DAO, CHECKOUT), HIKARI);

        assertEquals(List.of(proxy, springUtils, template, reflection, DAO, CHECKOUT), stack.frames());
        assertEquals(DAO.toString(), stack.callSite());
    }

    @Test
    void callSiteFallsBackToTheFirstFrameWhenAllArePlumbing() {
        CallSites callSites = new CallSites(100, 40);
        StackTraceElement template = frame("org.springframework.jdbc.core.JdbcTemplate", "execute", 376);
        StackTraceElement thread = frame("java.lang.Thread", "run", 833);

        AcquisitionStack stack = callSites.intern(trace(LEASED, HIKARI_POOL, template, thread), HIKARI);

        assertEquals(template.toString(), stack.callSite(), "the first frame outside the JDK");
        assertEquals(null, stack.caller());
    }

    @Test
    void theFallbackCallSiteSkipsTheJdksFrames() {
        CallSites callSites = new CallSites(100, 40);
        StackTraceElement reflection = frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 103);
        StackTraceElement template = frame("org.springframework.jdbc.core.JdbcTemplate", "execute", 376);

        AcquisitionStack stack = callSites.intern(trace(LEASED, HIKARI_POOL, reflection, template), HIKARI);

        assertEquals(template.toString(), stack.callSite());
    }

    @Test
    void stackOfOnlyInternalFramesIsKeptWhole() {
        CallSites callSites = new CallSites(100, 40);

        AcquisitionStack stack = callSites.intern(trace(CAPTURE, LEASED, HIKARI_POOL), HIKARI);

        assertEquals(List.of(CAPTURE, LEASED, HIKARI_POOL), stack.frames());
    }

    @Test
    void aStackLongerThanMaxStackDepthKeepsTheFramesNearestTheCallAndFoldsTheRestIntoOneLine() {
        CallSites callSites = new CallSites(100, 3);
        List<StackTraceElement> frames = new ArrayList<>(List.of(LEASED, HIKARI_POOL));
        for (int i = 1; i <= 10; i++) {
            frames.add(frame("com.shop.Layer" + i, "call", i));
        }

        AcquisitionStack stack = callSites.intern(trace(frames.toArray(new StackTraceElement[0])), HIKARI);

        assertEquals(frames.subList(2, 4), stack.frames());
        assertEquals(8, stack.omittedFrames());
        assertEquals(3, stack.lines().size(), "two frames and a fold: maxStackDepth counts lines");
        assertEquals("... 8 frames of com.shop ...", stack.lines().get(2).toString());
        assertEquals("com.shop.Layer1.call(Layer1.java:1)", stack.callSite());
        assertEquals("com.shop.Layer2.call(Layer2.java:2)", stack.caller());
    }

    @Test
    void aStackWithinMaxStackDepthIsKeptWholeWhateverItsLayers() {
        CallSites callSites = new CallSites(100, 5);
        StackTraceElement template = frame("org.springframework.jdbc.core.JdbcTemplate", "execute", 376);
        StackTraceElement thread = frame("java.lang.Thread", "run", 833);

        AcquisitionStack stack = callSites.intern(trace(LEASED, HIKARI_POOL, template, template, DAO, template, thread), HIKARI);

        assertEquals(List.of(template, template, DAO, template, thread), stack.frames());
        assertEquals(0, stack.omittedFrames());
    }

    @Test
    void identicalStacksAreOneSharedInstance() {
        CallSites callSites = new CallSites(100, 40);

        AcquisitionStack first = callSites.intern(appTrace("load"), HIKARI);
        AcquisitionStack second = callSites.intern(appTrace("load"), HIKARI);
        AcquisitionStack other = callSites.intern(appTrace("save"), HIKARI);

        assertSame(first, second);
        assertNotSame(first, other);
        assertEquals(2, callSites.size());
        assertEquals(2, callSites.built.sum(), "a stack seen again is not classified again");
    }

    @Test
    void stacksThatDifferOnlyInFoldedFramesAreTwoStacks() {
        CallSites callSites = new CallSites(100, 4);
        List<StackTraceElement> frames = new ArrayList<>(List.of(LEASED, HIKARI_POOL, DAO));
        for (int i = 1; i <= 10; i++) {
            frames.add(frame("org.springframework.aop.Layer" + i, "invoke", i));
        }
        frames.add(CHECKOUT);
        AcquisitionStack first = callSites.intern(trace(frames.toArray(new StackTraceElement[0])), HIKARI);
        frames.set(7, frame("org.springframework.aop.Layer5", "invoke", 555));

        AcquisitionStack second = callSites.intern(trace(frames.toArray(new StackTraceElement[0])), HIKARI);

        assertEquals(first.lines(), second.lines(), "printed alike");
        assertNotSame(first, second);
        assertEquals(2, callSites.size());
        assertSame(second, callSites.intern(trace(frames.toArray(new StackTraceElement[0])), HIKARI));
        assertEquals(2, callSites.built.sum());
    }

    @Test
    void stacksBeyondMaxCallSitesAreReturnedButNotStored() {
        CallSites callSites = new CallSites(2, 40);
        AcquisitionStack load = callSites.intern(appTrace("load"), HIKARI);
        callSites.intern(appTrace("save"), HIKARI);

        AcquisitionStack third = callSites.intern(appTrace("delete"), HIKARI);
        AcquisitionStack thirdAgain = callSites.intern(appTrace("delete"), HIKARI);

        assertEquals("com.shop.OrderDao.delete(OrderDao.java:10)", third.callSite());
        assertNotSame(third, thirdAgain);
        assertEquals(2, callSites.size());
        assertEquals(2, callSites.notStored());
        assertSame(load, callSites.intern(appTrace("load"), HIKARI), "stacks stored earlier are still shared");
        assertEquals(2, callSites.notStored());
    }

    @Test
    void aWaitingThreadsLiveStackIsNamedAsALeaseWouldBe() {
        CallSites callSites = new CallSites(100, 40);
        StackTraceElement park = frame("jdk.internal.misc.Unsafe", "park", -2);
        StackTraceElement provider = frame("org.hibernate.engine.jdbc.connections.internal.DataSourceConnectionProvider",
                "getConnection", 137);
        StackTraceElement proxy = new StackTraceElement("com.shop.Reports$$SpringCGLIB$$0", "monthly", "<generated>", -1);

        assertEquals(DAO.toString(), callSites.liveCallSite(
                new StackTraceElement[]{park, HIKARI_POOL, DATA_SOURCE, provider, DAO, CHECKOUT}, HIKARI));
        assertEquals("com.shop.Reports.monthly(on entry, through its proxy)", callSites.liveCallSite(
                new StackTraceElement[]{park, HIKARI_POOL, provider, proxy, CHECKOUT}, HIKARI));
        assertEquals(null, callSites.liveCallSite(new StackTraceElement[]{park, HIKARI_POOL, provider}, HIKARI));
    }
}
