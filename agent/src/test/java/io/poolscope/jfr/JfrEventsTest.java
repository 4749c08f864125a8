package io.poolscope.jfr;

import io.poolscope.config.Options;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.example.fakeapp.FakeApp;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** poolscope's JFR events, recorded in this JVM from a fake pool and read back from the file. */
class JfrEventsTest {

    private static final String ACQUIRED = "poolscope.ConnectionAcquired";
    private static final String RELEASED = "poolscope.ConnectionReleased";
    private static final String TIMED_OUT = "poolscope.AcquireTimedOut";
    private static final String LEAK = "poolscope.SuspectedLeak";
    private static final String CREATION_FAILED = "poolscope.ConnectionCreationFailed";
    private static final String[] ALL = {ACQUIRED, RELEASED, TIMED_OUT, LEAK, CREATION_FAILED};

    @TempDir
    Path dir;

    private final Recording recording = new Recording(Options.parse("stacks=full", new Properties()),
            type -> new FakeIntrospector(4));
    private final FakePool pool = new FakePool(recording.recorder(), "orders");
    private final FakeApp app = new FakeApp(pool);
    private jdk.jfr.Recording jfr;

    {
        recording.observer(JfrEvents.create());
    }

    @AfterEach
    void closeRecording() {
        if (jfr != null) {
            jfr.close();
        }
    }

    private void startRecording(Map<String, String> settings) {
        jfr = new jdk.jfr.Recording(settings);
        jfr.start();
    }

    private static Map<String, String> allEnabled(String waitThreshold, String holdThreshold) {
        Map<String, String> settings = new HashMap<>();
        for (String event : ALL) {
            settings.put(event + "#enabled", "true");
            settings.put(event + "#stackTrace", "true");
        }
        settings.put(ACQUIRED + "#waitThreshold", waitThreshold);
        settings.put(RELEASED + "#holdThreshold", holdThreshold);
        return settings;
    }

    private List<RecordedEvent> stopAndRead() throws Exception {
        jfr.stop();
        Path file = dir.resolve("test.jfr");
        jfr.dump(file);
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

    private static boolean stackHas(RecordedEvent event, String method) {
        assertNotNull(event.getStackTrace(), event.getEventType().getName() + " has a stack trace");
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            if ((frame.getMethod().getType().getName() + "." + frame.getMethod().getName()).equals(method)) {
                return true;
            }
        }
        return false;
    }

    private PoolHandle handle() {
        return recording.pools().get(0);
    }

    @Test
    void withZeroThresholdsEveryAcquireAndReleaseIsAnEventWithTheApplicationsStack() throws Exception {
        startRecording(allEnabled("0 ns", "0 ns"));
        Object connection = new Object();
        for (int i = 0; i < 5; i++) {
            app.close(app.loadOrders(connection));
        }
        List<RecordedEvent> events = stopAndRead();

        List<RecordedEvent> acquired = named(events, ACQUIRED);
        List<RecordedEvent> released = named(events, RELEASED);
        assertEquals(5, acquired.size(), events.toString());
        assertEquals(5, released.size(), events.toString());
        for (RecordedEvent event : acquired) {
            assertEquals("orders", event.getString("pool"));
            assertTrue(event.getDuration("waitTime").toNanos() >= 0);
            assertTrue(stackHas(event, "org.example.fakeapp.FakeApp.loadOrders"), event.toString());
            assertEquals(Thread.currentThread().getName(), event.getThread().getJavaName());
        }
        for (RecordedEvent event : released) {
            assertEquals("orders", event.getString("pool"));
            assertTrue(stackHas(event, "org.example.fakeapp.FakeApp.close"), event.toString());
        }
    }

    @Test
    void theDefaultThresholdsLeaveOutShortWaitsAndHolds() throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String event : ALL) {
            settings.put(event + "#enabled", "true"); // thresholds as the events define them
        }
        startRecording(settings);
        Object quick = new Object();
        for (int i = 0; i < 50; i++) {
            app.close(app.loadOrders(quick));
        }
        Object slow = new Object();
        app.loadOrders(slow);
        Thread.sleep(150); // the application's slow work with the connection, past the 100 ms hold threshold
        app.close(slow);
        List<RecordedEvent> events = stopAndRead();

        assertEquals(0, named(events, ACQUIRED).stream().filter(e -> e.getDuration("waitTime").toMillis() < 10).count(),
                events.toString());
        List<RecordedEvent> released = named(events, RELEASED);
        assertEquals(1, released.size(), events.toString());
        assertTrue(released.get(0).getDuration("holdTime").toMillis() >= 150, released.toString());
        assertEquals(51, handle().statistics().releases());
    }

    @Test
    void thresholdsTakeTheLowestValueOfTheRecordingsRunning() throws Exception {
        startRecording(allEnabled("1 h", "1 h"));
        try (jdk.jfr.Recording second = new jdk.jfr.Recording(allEnabled("0 ns", "1 h"))) {
            second.start();
            app.close(app.loadOrders(new Object()));
            second.stop();
        }
        app.close(app.loadOrders(new Object())); // the second recording stopped: 1 h again
        List<RecordedEvent> events = stopAndRead();
        assertEquals(1, named(events, ACQUIRED).size(), events.toString());
        assertEquals(0, named(events, RELEASED).size(), events.toString());
    }

    @Test
    void aTimeoutIsAnEventOnTheWaitingThread() throws Exception {
        startRecording(allEnabled("10 ms", "100 ms"));
        app.loadOrdersTimingOut();
        List<RecordedEvent> timedOut = named(stopAndRead(), TIMED_OUT);
        assertEquals(1, timedOut.size());
        assertEquals("orders", timedOut.get(0).getString("pool"));
        assertTrue(stackHas(timedOut.get(0), "org.example.fakeapp.FakeApp.loadOrdersTimingOut"));
    }

    @Test
    void aFailedOpenCarriesTheDriversMessageWithoutItsCredentials() throws Exception {
        app.close(app.loadOrders(new Object())); // the pool is known
        startRecording(allEnabled("10 ms", "100 ms"));
        long start = recording.recorder().createStart(pool);
        recording.recorder().createEnd(pool, start, new SQLException("Connection refused to jdbc:pg://db/orders?password=hunter2",
                new java.net.ConnectException("Connection refused")));
        List<RecordedEvent> failed = named(stopAndRead(), CREATION_FAILED);
        assertEquals(1, failed.size());
        RecordedEvent event = failed.get(0);
        assertEquals("orders", event.getString("pool"));
        assertEquals("java.sql.SQLException", event.getString("exceptionClass"));
        String message = event.getString("message");
        assertTrue(message.contains("Connection refused to jdbc:pg://db/orders?password=***"), message);
        assertTrue(message.contains("caused by java.net.ConnectException: Connection refused"), message);
        assertFalse(message.contains("hunter2"), message);
        assertTrue(stackHas(event, "io.poolscope.jfr.JfrEventsTest.aFailedOpenCarriesTheDriversMessageWithoutItsCredentials"));
    }

    @Test
    void aSuspectedLeakNamesItsHolderAndAcquisitionStack() throws Exception {
        startRecording(allEnabled("10 ms", "100 ms"));
        Object leaked = new Object();
        app.loadOrders(leaked);
        long later = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        assertEquals(1, recording.newSuspectedLeaks(handle(), later, Duration.ofMinutes(1).toNanos()).size());
        assertEquals(0, recording.newSuspectedLeaks(handle(), later, Duration.ofMinutes(1).toNanos()).size(),
                "reported once");
        List<RecordedEvent> leaks = named(stopAndRead(), LEAK);
        assertEquals(1, leaks.size());
        RecordedEvent event = leaks.get(0);
        assertEquals("orders", event.getString("pool"));
        assertEquals(Thread.currentThread().getName(), event.getString("holderName"));
        assertEquals(Thread.currentThread().getName(), event.getThread("holder").getJavaName());
        assertTrue(event.getDuration("heldFor").toMinutes() >= 5, event.toString());
        assertTrue(event.getString("callSite").startsWith("org.example.fakeapp.FakeApp.loadOrders(FakeApp.java:"),
                event.getString("callSite"));
        assertTrue(event.getString("acquisitionStack").contains("at io.poolscope.jfr.JfrEventsTest.aSuspectedLeakNamesItsHolderAndAcquisitionStack("),
                event.getString("acquisitionStack"));
        app.close(leaked);
    }

    @Test
    void eventTypesDescribeTheirSettingsWithTheirDefaults() {
        JfrEvents.create();
        Map<String, EventType> types = new HashMap<>();
        for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
            types.put(type.getName(), type);
        }
        for (String name : ALL) {
            assertTrue(types.containsKey(name), name + " registered");
            assertNotNull(types.get(name).getDescription(), name);
            assertEquals("poolscope", String.join("/", types.get(name).getCategoryNames()), name);
        }
        assertEquals("10 ms", setting(types.get(ACQUIRED), "waitThreshold").getDefaultValue());
        assertEquals("100 ms", setting(types.get(RELEASED), "holdThreshold").getDefaultValue());
        assertEquals("true", setting(types.get(ACQUIRED), "stackTrace").getDefaultValue());
        assertEquals("false", setting(types.get(LEAK), "stackTrace").getDefaultValue());
    }

    @Test
    void theSettingsFileNamesOnlyEventsAndSettingsThatExist() throws Exception {
        JfrEvents.create();
        Configuration file = Configuration.create(Paths.get("..", "docs", "poolscope.jfc"));
        Map<String, EventType> types = new HashMap<>();
        for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
            types.put(type.getName(), type);
        }
        assertEquals(5, file.getSettings().keySet().stream().map(key -> key.split("#")[0]).distinct().count(),
                file.getSettings().toString());
        for (Map.Entry<String, String> entry : file.getSettings().entrySet()) {
            String[] key = entry.getKey().split("#");
            EventType type = types.get(key[0]);
            assertNotNull(type, "no event " + key[0]);
            assertNotNull(setting(type, key[1]), entry.getKey());
            assertEquals(setting(type, key[1]).getDefaultValue(), entry.getValue(),
                    entry.getKey() + ": the file shows the defaults");
        }
        assertTrue(Files.exists(Paths.get("..", "docs", "poolscope.jfc")));
    }

    private static SettingDescriptor setting(EventType type, String name) {
        for (SettingDescriptor setting : type.getSettingDescriptors()) {
            if (setting.getName().equals(name)) {
                return setting;
            }
        }
        return null;
    }

    @Test
    void timespanValuesParseAsJfrWritesThem() {
        assertEquals(10_000_000L, Timespans.nanos("10 ms"));
        assertEquals(10_000_000L, Timespans.nanos("10ms"));
        assertEquals(0L, Timespans.nanos("0 ns"));
        assertEquals(2_000L, Timespans.nanos("2 us"));
        assertEquals(3_000_000_000L, Timespans.nanos("3 s"));
        assertEquals(120_000_000_000L, Timespans.nanos("2 m"));
        assertEquals(Long.MAX_VALUE, Timespans.nanos("infinity"));
        assertEquals(-1L, Timespans.nanos("soon"));
        assertEquals(-1L, Timespans.nanos("10"));
        assertEquals(-1L, Timespans.nanos("-5 ms"));
    }
}
