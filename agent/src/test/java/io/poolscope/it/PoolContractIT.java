package io.poolscope.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every pool adapter passes, with the same assertions for each (pool, version) of
 * {@link PoolMatrix}: the built agent jar under -javaagent, the real pool jar, H2, in a forked JVM
 * running {@code scenarios.contract.ContractApp}.
 */
class PoolContractIT {

    static List<PoolMatrix.Entry> pools() {
        return PoolMatrix.selected();
    }

    /** The pools that time out: every one but a data source seen through the generic fallback. */
    static List<PoolMatrix.Entry> poolsThatTimeOut() {
        return orNone(PoolMatrix.selectedWithout(PoolMatrix.Feature.GENERIC));
    }

    static List<PoolMatrix.Entry> reclaimingPools() {
        return orNone(PoolMatrix.selected(PoolMatrix.Feature.RECLAIMS));
    }

    static List<PoolMatrix.Entry> poolsThatReclaimAsAClose() {
        return orNone(PoolMatrix.selected(PoolMatrix.Feature.RECLAIMS_AS_CLOSE));
    }

    static List<PoolMatrix.Entry> poolsThatCanWaitForever() {
        return orNone(PoolMatrix.selected(PoolMatrix.Feature.WAITS_FOREVER));
    }

    /** JUnit refuses a parameterized test without arguments: {@code null} stands for "no pool of this run has it". */
    private static List<PoolMatrix.Entry> orNone(List<PoolMatrix.Entry> entries) {
        return entries.isEmpty() ? java.util.Collections.singletonList(null) : entries;
    }

    private static void assumeAny(PoolMatrix.Entry pool) {
        org.junit.jupiter.api.Assumptions.assumeTrue(pool != null, "no pool of this run's matrix has this feature");
    }

    /**
     * The JVM a scenario runs in: the build's JDK, or the one {@code -Dpoolscope.contract.javaHome}
     * names ({@code make test-matrix} runs the newest pools again on JDK 25 that way).
     */
    private static ForkedJvm.Builder jvmFor(PoolMatrix.Entry pool) {
        ForkedJvm.Builder builder = ForkedJvm.builder().pool(pool.libs);
        String javaHome = System.getProperty("poolscope.contract.javaHome", "");
        return javaHome.isEmpty() ? builder : builder.javaHome(java.nio.file.Paths.get(javaHome));
    }

    private static ForkedJvm start(PoolMatrix.Entry pool, String options, String... scenarioAndArgument)
            throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>();
        args.add(pool.kind);
        args.addAll(java.util.Arrays.asList(scenarioAndArgument));
        return jvmFor(pool).agent(agentOptions(pool, options))
                .mainClass("scenarios.contract.ContractApp").args(args.toArray(new String[0])).start();
    }

    /** The options a scenario asks for, plus {@code generic=on} for a data source seen through the generic fallback. */
    private static String agentOptions(PoolMatrix.Entry pool, String options) {
        if (!isPool(pool)) {
            return options.isEmpty() ? "generic=on" : options + ",generic=on";
        }
        return options;
    }

    private static boolean isPool(PoolMatrix.Entry pool) {
        return !pool.features.contains(PoolMatrix.Feature.GENERIC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void countsBalanceAndWaitsAreRecordedUnderContention(PoolMatrix.Entry pool) throws Exception {
        try (ForkedJvm jvm = start(pool, "", "contention")) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("0", jvm.result("workerFailures"), jvm.stderr());
            assertEquals(pool.expectedName, jvm.resultLine("Name"), "the pool's name");
            assertEquals(pool.library, jvm.resultLine("Library"), "the library, which may hold spaces");
            assertEquals("100", jvm.result("Acquires"), jvm.stdout());
            assertEquals("100", jvm.result("Releases"), jvm.stdout());
            assertEquals("0", jvm.result("Timeouts"), jvm.stdout());
            assertEquals("0", jvm.result("Failures"), jvm.stdout());
            assertEquals("0", jvm.result("LeasesOut"), jvm.stdout());
            if (isPool(pool)) { // a data source seen through the generic fallback has no maximum, counters or waits
                assertEquals("2", jvm.result("MaxConnections"), jvm.stdout());
                assertEquals("0", jvm.result("ActiveConnections"), "the pool's own counter, read: " + jvm.stdout());
                long created = Long.parseLong(jvm.result("ConnectionsCreated"));
                assertTrue(created >= 1 && created <= 100, jvm.stdout());
                // 4 threads on 2 connections, each held ~5 ms: someone waited
                assertTrue(Double.parseDouble(jvm.result("WaitMaxMillis")) >= 1.0, jvm.stdout());
            }
            // holds are about 5 ms
            assertTrue(Double.parseDouble(jvm.result("HoldP50Millis")) >= 4.0, jvm.stdout());
            assertFalse(jvm.resultLine("Configuration").isEmpty(), jvm.stdout());
            assertFalse(jvm.stdout().contains("contract-secret-password"), "never shows credentials");
            assertTrue(jvm.log().contains("pool '" + pool.expectedName + "' (" + pool.library + ") seen"), jvm.log());
            assertFalse(jvm.log().contains("poolscope: could not"), jvm.log());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolsThatTimeOut")
    void aTimeoutWritesTheExhaustionDumpNamingTheHolders(PoolMatrix.Entry pool) throws Exception {
        assumeAny(pool);
        try (ForkedJvm jvm = start(pool, "", "exhaust")) {
            jvm.awaitReady();
            assertEquals("true", jvm.result("timeout"), jvm.stdout());
            assertEquals(pool.timeoutException, jvm.result("exception"), "the pool's own exception, unchanged");
            assertEquals("2", jvm.result("poolActive"), jvm.stdout());
            assertEquals("2", jvm.result("ActiveConnections"), "the pool's own counter, read: " + jvm.stdout());
            assertEquals("3", jvm.result("Acquires"), jvm.stdout());
            assertEquals("1", jvm.result("Timeouts"), jvm.stdout());
            assertEquals("2", jvm.result("LeasesOut"), jvm.stdout());
            assertEquals("0", jvm.result("Releases"), jvm.stdout());
            String log = ForkedJvm.awaitText("the exhaustion dump", jvm::log,
                    text -> text.contains("==== end of poolscope dump"), java.time.Duration.ofSeconds(10));
            assertTrue(log.contains("pool '" + pool.expectedName + "' (" + pool.library
                    + ") - pool exhausted: an acquire timed out"), log);
            assertTrue(log.contains("acquired at scenarios.contract.ContractApp$LeakyRepository.leak("), log);
            assertTrue(log.contains("verdict: POOL EXHAUSTED: "), log);
            assertTrue(log.contains("are held by scenarios.contract.ContractApp$LeakyRepository.leak("), log);
            assertFalse(log.contains("contract-secret-password"), "never logs credentials");
            jvm.proceed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aSuspectedLeakNamesItsStackAndItsReturn(PoolMatrix.Entry pool) throws Exception {
        try (ForkedJvm jvm = jvmFor(pool).agent(agentOptions(pool, "leakThreshold=300ms,stacks=full"))
                .jvmArg("-DholdMillis=1500").mainClass("scenarios.contract.ContractApp")
                .args(pool.kind, "leak-returned").start()) {
            jvm.awaitReady();
            String log = jvm.awaitLog("the leak's return", text -> text.contains("returned:"));
            assertEquals(1, ForkedJvm.lines(log,
                    l -> l.contains("suspected leak in pool '" + pool.expectedName + "': ")).size(), log);
            assertTrue(log.contains("to get it); acquired at:\n    at scenarios.contract.ContractApp$SlowReport.run("), log);
            assertTrue(log.matches("(?s).*returned: the connection taken by main at scenarios\\.contract\\.ContractApp"
                    + "\\$SlowReport\\.run\\(ContractApp\\.java:\\d+\\) came back after (1\\.[5-9]\\d*|[2-9]\\.\\d+)s \\(closed by main\\).*"),
                    log);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aConnectionTheDatabaseRefusesCarriesTheDriversMessage(PoolMatrix.Entry pool) throws Exception {
        try (ForkedJvm jvm = start(pool, "", "create-failure")) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("false", jvm.result("acquired"), jvm.stdout());
            if (isPool(pool)) { // the generic fallback sees no connection being opened, only the getConnection that failed
                assertTrue(Long.parseLong(jvm.result("ConnectionCreationFailures")) >= 1, jvm.stdout());
                assertTrue(jvm.resultLine("LastConnectionCreationFailure").contains("not found"),
                        "H2's own message: " + jvm.stdout());
            }
            long acquires = Long.parseLong(jvm.result("Acquires"));
            long timeouts = Long.parseLong(jvm.result("Timeouts"));
            long failures = Long.parseLong(jvm.result("Failures"));
            assertEquals(1, acquires, jvm.stdout());
            assertEquals(acquires, timeouts + failures, "the acquire ended as a timeout or a failure: " + jvm.stdout());
            assertEquals("0", jvm.result("LeasesOut"), jvm.stdout());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reclaimingPools")
    void aConnectionThePoolTakesBackEndsItsLeaseOnce(PoolMatrix.Entry pool) throws Exception {
        assumeAny(pool);
        // stacks=full: in stacks=auto a single lease of a calm pool keeps its stack 1 time in sampleRate
        try (ForkedJvm jvm = start(pool, "stacks=full", "reclaim")) {
            jvm.awaitReady();
            assertEquals("1", jvm.result("Reclaimed"), jvm.stdout());
            assertEquals("0", jvm.result("LeasesOut"), jvm.stdout());
            assertEquals("2", jvm.result("Acquires"), jvm.stdout());
            assertEquals("1", jvm.result("Releases"), jvm.stdout());
            String log = jvm.awaitLog("the reclaim", text -> text.contains("reclaimed a connection from its holder"));
            assertTrue(log.contains("pool '" + pool.expectedName + "' reclaimed a connection from its holder"), log);
            assertTrue(log.contains("scenarios.contract.ContractApp$LeakyRepository.leak("), log);
            jvm.proceed();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolsThatReclaimAsAClose")
    void aConnectionThePoolTakesBackUnannouncedEndsItsLeaseOnceAsClosed(PoolMatrix.Entry pool) throws Exception {
        assumeAny(pool);
        try (ForkedJvm jvm = start(pool, "stacks=full", "reclaim", "ConnectionsClosedWhileOut")) {
            jvm.awaitReady();
            assertEquals("1", jvm.result("ConnectionsClosedWhileOut"), jvm.stdout());
            assertEquals("0", jvm.result("Reclaimed"), jvm.stdout());
            assertEquals("0", jvm.result("LeasesOut"), jvm.stdout());
            assertEquals("2", jvm.result("Acquires"), jvm.stdout());
            assertEquals("1", jvm.result("Releases"), jvm.stdout());
            jvm.proceed();
        }
    }

    /** A slow-acquire dump, written out to its end, that names the thread waiting forever. */
    private static boolean dumpNamesTheWaiter(String log) {
        int waiter = log.indexOf("forever-waiter");
        return waiter > 0 && log.indexOf("==== end of poolscope dump", waiter) > 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolsThatCanWaitForever")
    void aThreadWaitingForeverIsDumpedWhileItWaits(PoolMatrix.Entry pool) throws Exception {
        assumeAny(pool);
        // a short cooldown: on a loaded machine the first acquire (opening the first connection) may itself
        // outlast slowAcquire and be dumped before the waiter starts; the waiter's dump then follows
        try (ForkedJvm jvm = start(pool, "slowAcquire=1s,dumpCooldown=1s", "wait-forever")) {
            jvm.awaitReady();
            String log = jvm.awaitLog("the slow-acquire dump naming the waiter", PoolContractIT::dumpNamesTheWaiter);
            log = log.substring(log.lastIndexOf("==== poolscope dump", log.indexOf("forever-waiter")));
            assertTrue(log.contains("pool '" + pool.expectedName + "' (" + pool.library + ") - slow acquire: "), log);
            assertTrue(log.contains("forever-waiter"), log);
            assertTrue(log.contains("waits forever"), log);
            assertTrue(log.contains("scenarios.contract.ContractApp$Checkout.waitForOne("), log);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("served"), jvm.stdout());
            assertEquals("2", jvm.result("Acquires"), jvm.stdout());
            assertEquals("2", jvm.result("Releases"), jvm.stdout());
        }
    }
}
