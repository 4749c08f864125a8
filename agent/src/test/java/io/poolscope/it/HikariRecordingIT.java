package io.poolscope.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent jar under -javaagent, recording real HikariCP 4, 5 and 7 pools on H2. Every version runs
 * on the fast-starting JVM (Serial GC, C1 only); the newest also on the JVM's default settings (C2
 * and G1), where the inlined advice is compiled as in production.
 */
class HikariRecordingIT {

    /** Each pool version on the fast JVM, and the newest on the default JVM too. */
    static Stream<Arguments> versionsAndJvms() {
        return Stream.of(
                Arguments.of("hikari-4", "fast"),
                Arguments.of("hikari-5", "fast"),
                Arguments.of("hikari-7", "fast"),
                Arguments.of("hikari-7", "default"));
    }

    static Stream<Arguments> newestOnBothJvms() {
        return Stream.of(Arguments.of("hikari-7", "fast"), Arguments.of("hikari-7", "default"));
    }

    private static ForkedJvm.Builder builder(String hikari, String jvm) {
        return ForkedJvm.builder().hikari(hikari).jvm(jvm);
    }

    @ParameterizedTest(name = "{0} {1} JVM")
    @MethodSource("versionsAndJvms")
    void countsWaitsAndHoldsUnderContention(String hikari, String jvmSettings) throws Exception {
        try (ForkedJvm jvm = builder(hikari, jvmSettings).agent("").args("contention").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("100", jvm.result("Acquires"), jvm.stdout());
            assertEquals("100", jvm.result("Releases"));
            assertEquals("0", jvm.result("Timeouts"));
            assertEquals("0", jvm.result("LeasesOut"));
            assertEquals("2", jvm.result("MaxConnections"));
            assertTrue(Long.parseLong(jvm.result("ConnectionsCreated")) >= 2, jvm.stdout());
            // 4 threads on 2 connections, each held ~5 ms: someone waited, and holds are about 5 ms
            assertTrue(Double.parseDouble(jvm.result("WaitMaxMillis")) >= 1.0, jvm.stdout());
            assertTrue(Double.parseDouble(jvm.result("HoldP50Millis")) >= 4.0, jvm.stdout());
            assertTrue(jvm.log().contains("pool 'it-pool' (HikariCP) seen"), jvm.log());
        }
    }

    @ParameterizedTest(name = "{0} {1} JVM")
    @MethodSource("newestOnBothJvms")
    void countsStayExactWhileTheJitCompilesTheAdvice(String hikari, String jvmSettings) throws Exception {
        try (ForkedJvm jvm = builder(hikari, jvmSettings).agent("").args("churn").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            String acquires = jvm.result("appAcquires");
            assertTrue(Long.parseLong(acquires) > 1000, "the loop ran long enough to be compiled: " + jvm.stdout());
            assertEquals(acquires, jvm.result("Acquires"), jvm.stdout());
            assertEquals(acquires, jvm.result("Releases"), jvm.stdout());
            assertEquals("0", jvm.result("Timeouts"), jvm.stdout());
            assertEquals("0", jvm.result("Failures"), jvm.stdout());
            assertEquals("0", jvm.result("LeasesOut"), jvm.stdout());
            assertEquals("0", jvm.result("WaitingThreads"), jvm.stdout());
        }
    }

    @ParameterizedTest(name = "{0} {1} JVM")
    @MethodSource("versionsAndJvms")
    void timeoutWritesExhaustionDumpNamingTheHolders(String hikari, String jvmSettings) throws Exception {
        assertExhaustionDump(builder(hikari, jvmSettings));
    }

    @Test
    void timeoutWritesExhaustionDumpWithHikariAsANamedModule() throws Exception {
        String stdout = assertExhaustionDump(ForkedJvm.builder().hikari("hikari-7").hikariOnModulePath());
        assertTrue(stdout.contains("result hikariModule=com.zaxxer.hikari"), "HikariCP ran as a named module: " + stdout);
    }

    @Test
    void timeoutWritesExhaustionDumpWithHikariAsANamedModuleOnJdk25() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ForkedJvm.JDK_25.resolve("bin/java")), "no JDK 25 at " + ForkedJvm.JDK_25);
        String stdout = assertExhaustionDump(ForkedJvm.builder().javaHome(ForkedJvm.JDK_25).hikari("hikari-7")
                .hikariOnModulePath());
        assertTrue(stdout.contains("result hikariModule=com.zaxxer.hikari"), "HikariCP ran as a named module: " + stdout);
    }

    @Test
    void timeoutWritesExhaustionDumpOnJdk25() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ForkedJvm.JDK_25.resolve("bin/java")), "no JDK 25 at " + ForkedJvm.JDK_25);
        assertExhaustionDump(ForkedJvm.builder().javaHome(ForkedJvm.JDK_25).hikari("hikari-7"));
    }

    /** Returns the application's standard output. */
    private static String assertExhaustionDump(ForkedJvm.Builder builder) throws Exception {
        try (ForkedJvm jvm = builder.agent("").args("exhaust").start()) {
            jvm.awaitReady();
            assertEquals("true", jvm.result("timeout"), jvm.stdout());
            assertEquals("java.sql.SQLTransientConnectionException", jvm.result("exception"),
                    "the pool's own timeout exception passes through unchanged");
            String log = ForkedJvm.awaitText("the exhaustion dump", jvm::log,
                    text -> text.contains("==== end of poolscope dump"), Duration.ofSeconds(1));
            assertTrue(log.contains("pool 'it-pool' (HikariCP) - pool exhausted: an acquire timed out"), log);
            // stacks=auto: every lease once half the pool is out, so at least the last two of four
            assertTrue(log.matches("(?s).*\\[1\\] [234] connections held.*"), log);
            assertTrue(log.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), log);
            assertTrue(log.contains("acquired at scenarios.PoolApp$LeakyRepository.leak("), log);
            assertTrue(log.contains("verdict: POOL EXHAUSTED: "), log);
            assertTrue(log.contains("are held by scenarios.PoolApp$LeakyRepository.leak("), log);
            assertTrue(log.contains("maximumPoolSize=4"), log);
            assertTrue(log.contains("timeouts=1"), log);
            assertFalse(log.contains("it-secret-password"), "never logs credentials");
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
            // at shutdown, with the two connections still out, one more dump
            assertTrue(jvm.log().contains("JVM shutdown with connections still out"), jvm.log());
            assertFalse(jvm.log().contains("poolscope: could not"), jvm.log());
            return jvm.stdout();
        }
    }

    @ParameterizedTest(name = "{0} {1} JVM")
    @MethodSource("versionsAndJvms")
    void connectionsThePoolClosesWhileOutAreNoLongerOut(String hikari, String jvmSettings) throws Exception {
        try (ForkedJvm jvm = builder(hikari, jvmSettings).agent("").args("evict").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("1", jvm.result("leasesBeforeShutdown"), "the evicted one ended: " + jvm.stdout());
            assertEquals("0", jvm.result("leasesAfterShutdown"), jvm.stdout());
            assertEquals("2", jvm.result("closedWhileOut"), jvm.stdout());
            assertFalse(jvm.log().contains("JVM shutdown with connections still out"), jvm.log());
        }
    }

    @Test
    void periodicDumpsWithStacksOffListLeasesWithoutStacks() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("dumpInterval=300ms,stacks=off").args("serve").start()) {
            jvm.awaitReady();
            String log = jvm.awaitLog("two periodic dumps",
                    text -> ForkedJvm.lines(text, l -> l.contains("- periodic (dumpInterval) -")).size() >= 2);
            assertTrue(log.contains("[1] 1 connection held"), log);
            assertTrue(log.contains("acquisition stack not captured"), log);
            assertFalse(log.contains("acquired at scenarios."), "stacks=off takes no stack: " + log);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    @ParameterizedTest(name = "{0} {1} JVM")
    @MethodSource("versionsAndJvms")
    void suspectedLeakIsLoggedOnceAndItsReturnToo(String hikari, String jvmSettings) throws Exception {
        // stacks=auto on a healthy pool: the acquisition stack may be missing; the holder's current stack names the code
        assertLeakAndReturn(builder(hikari, jvmSettings), "leakThreshold=300ms", "");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hikari-4", "hikari-7"})
    void suspectedLeakWithFullStacksNamesWhereItWasTaken(String hikari) throws Exception {
        String log = assertLeakAndReturn(ForkedJvm.builder().hikari(hikari), "leakThreshold=300ms,stacks=full",
                " at scenarios\\.PoolApp\\$SlowReport\\.run\\(PoolApp\\.java:\\d+\\)");
        assertTrue(log.contains("(waited "), log);
        assertTrue(log.contains("to get it); acquired at:\n    at scenarios.PoolApp$SlowReport.run(PoolApp.java:"), log);
    }

    private static String assertLeakAndReturn(ForkedJvm.Builder builder, String options, String takenAt) throws Exception {
        try (ForkedJvm jvm = builder.agent(options)
                .jvmArg("-DholdMillis=1500").args("leak-returned").start()) {
            jvm.awaitReady();
            String log = jvm.awaitLog("the leak's return", text -> text.contains("returned:"));
            assertEquals(1, ForkedJvm.lines(log, l -> l.contains("suspected leak in pool 'it-pool': ")).size(), log);
            assertTrue(log.contains("by thread main"), log);
            assertTrue(log.contains("at scenarios.PoolApp$SlowReport.run(PoolApp.java:"), log);
            assertTrue(log.matches("(?s).*returned: the connection taken by main" + takenAt
                    + " came back after (1\\.[5-9]\\d*|[2-9]\\.\\d+)s \\(closed by main\\).*"), log);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
            return log;
        }
    }
}
