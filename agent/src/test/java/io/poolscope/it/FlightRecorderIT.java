package io.poolscope.it;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * poolscope's Flight Recorder events from a real HikariCP pool: the JVM records from its start
 * with the JDK's default settings plus {@code docs/poolscope.jfc}, as the README says; the test
 * reads the file the JVM wrote at exit.
 */
class FlightRecorderIT {

    private static final Path SETTINGS = Paths.get("..", "docs", "poolscope.jfc").toAbsolutePath().normalize();

    private static ForkedJvm.Builder app(String javaHome) {
        ForkedJvm.Builder builder = ForkedJvm.builder().agent("stacks=full,leakThreshold=1s")
                .mainClass("scenarios.TelemetryApp").args("jfr");
        return javaHome.equals("17") ? builder : builder.javaHome(ForkedJvm.JDK_25);
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void recordsWaitsHoldsTimeoutsFailedOpensAndLeaksWithTheirStacks(String jdk) throws Exception {
        Path dir = Files.createTempDirectory("poolscope-jfr");
        Path file = dir.resolve("app.jfr");
        List<RecordedEvent> events;
        try (ForkedJvm jvm = app(jdk).jvmArg("-XX:StartFlightRecording:settings=default,settings=" + SETTINGS
                + ",filename=" + file + ",dumponexit=true").start()) {
            jvm.awaitReady();
            jvm.awaitLog("the suspected leak", log -> log.contains("suspected leak in pool 'it-pool': "));
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("impatientTimedOut"), jvm.stdout());
            assertEquals("false", jvm.result("badPoolConnected"), jvm.stdout());
            assertEquals("true", jvm.result("jfrInitialized"), jvm.stdout());
            assertFalse(jvm.log().contains("internal error"), jvm.log());
        }
        events = poolscopeEvents(file);

        // 22 acquires on it-pool: only the waiter's (about 150 ms) reaches the 10 ms threshold
        List<RecordedEvent> acquired = named(events, "poolscope.ConnectionAcquired");
        assertTrue(acquired.stream().allMatch(e -> e.getDuration("waitTime").toMillis() >= 10), acquired.toString());
        assertTrue(acquired.size() < 5, acquired.toString());
        RecordedEvent waited = only(acquired, "waiter");
        assertEquals("it-pool", waited.getString("pool"));
        assertTrue(waited.getDuration("waitTime").toMillis() >= 140, waited.toString());
        assertTrue(stackHas(waited, "scenarios.TelemetryApp$Checkout.pay"), waited.toString());

        List<RecordedEvent> released = named(events, "poolscope.ConnectionReleased");
        assertTrue(released.stream().allMatch(e -> e.getDuration("holdTime").toMillis() >= 100), released.toString());
        RecordedEvent held = only(released, "holder");
        assertTrue(held.getDuration("holdTime").toMillis() >= 150, held.toString());
        assertTrue(stackHas(held, "scenarios.TelemetryApp$SlowReport.run"), held.toString());

        List<RecordedEvent> timedOut = named(events, "poolscope.AcquireTimedOut").stream()
                .filter(e -> e.getString("pool").equals("it-pool")).collect(Collectors.toList());
        RecordedEvent timeout = only(timedOut, "impatient");
        assertTrue(timeout.getDuration("waitTime").toMillis() >= 250, timeout.toString());
        assertTrue(stackHas(timeout, "scenarios.TelemetryApp$Checkout.payInTime"), timeout.toString());

        List<RecordedEvent> failed = named(events, "poolscope.ConnectionCreationFailed");
        assertFalse(failed.isEmpty(), events.toString());
        for (RecordedEvent event : failed) {
            assertEquals("bad-pool", event.getString("pool"));
            assertTrue(event.getString("message").contains("Wrong user name or password"), event.toString());
            assertFalse(event.getString("message").contains("not-the-password"), event.toString());
            assertTrue(event.getStackTrace() != null && !event.getStackTrace().getFrames().isEmpty(), event.toString());
        }

        List<RecordedEvent> leaks = named(events, "poolscope.SuspectedLeak");
        assertEquals(1, leaks.size(), events.toString());
        RecordedEvent leak = leaks.get(0);
        assertEquals("it-pool", leak.getString("pool"));
        assertEquals("main", leak.getString("holderName"));
        assertEquals("main", leak.getThread("holder").getJavaName());
        assertTrue(leak.getDuration("heldFor").toMillis() >= 1000, leak.toString());
        assertTrue(leak.getString("callSite").startsWith("scenarios.TelemetryApp$LeakyDao.leak(TelemetryApp.java:"),
                leak.toString());
        assertTrue(leak.getString("acquisitionStack").contains("at scenarios.TelemetryApp.flightRecorder(TelemetryApp.java:"),
                leak.toString());
        assertEquals("poolscope-scanner", leak.getThread().getJavaName());
    }

    @Test
    void withoutARecordingFlightRecorderIsNeverStarted() throws Exception {
        try (ForkedJvm jvm = app("17").start()) {
            jvm.awaitReady();
            jvm.awaitLog("the suspected leak", log -> log.contains("suspected leak in pool 'it-pool': "));
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("false", jvm.result("jfrInitialized"), jvm.stdout());
            assertFalse(jvm.log().contains("Flight Recorder"), jvm.log());
        }
    }

    @Test
    void aRuntimeWithoutFlightRecorderStillRecords() throws Exception {
        try (ForkedJvm jvm = app("17").jvmArg("--limit-modules").jvmArg("java.se").start()) {
            jvm.awaitReady();
            jvm.awaitLog("the suspected leak", log -> log.contains("suspected leak in pool 'it-pool': "));
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("absent", jvm.result("jfrInitialized"), jvm.stdout());
            assertEquals("true", jvm.result("impatientTimedOut"), jvm.stdout());
            String log = jvm.log();
            assertTrue(log.contains("pool 'it-pool' (HikariCP) seen"), log);
            assertTrue(log.contains("at scenarios.TelemetryApp$LeakyDao.leak(TelemetryApp.java:"), log);
            assertFalse(log.contains("Flight Recorder"), log);
            assertFalse(log.contains("internal error"), log);
            assertFalse(jvm.stderr().contains("Exception"), jvm.stderr());
        }
    }

    private static List<RecordedEvent> poolscopeEvents(Path file) throws Exception {
        assertTrue(Files.size(file) > 0, file + " written at exit");
        List<RecordedEvent> events = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().startsWith("poolscope.")) {
                events.add(event);
            }
        }
        return events;
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String thread) {
        List<RecordedEvent> onThread = events.stream()
                .filter(e -> e.getThread() != null && thread.equals(e.getThread().getJavaName())).collect(Collectors.toList());
        assertEquals(1, onThread.size(), "events on thread " + thread + ": " + events);
        return onThread.get(0);
    }

    private static boolean stackHas(RecordedEvent event, String method) {
        if (event.getStackTrace() == null) {
            return false;
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            if ((frame.getMethod().getType().getName() + "." + frame.getMethod().getName()).equals(method)) {
                return true;
            }
        }
        return false;
    }
}
