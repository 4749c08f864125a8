package io.poolscope.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only a real server shows: PostgreSQL refusing connections, recorded as creation failures;
 * PostgreSQL killing the pool's connections while threads use and wait for them.
 */
class PostgresIT {

    @Test
    void refusedConnectionsAppearWithTheDriversMessage() throws Exception {
        Postgres.require();
        try (ForkedJvm jvm = ForkedJvm.builder().libs("postgresql").agent("").args("pg-refused").start()) {
            jvm.awaitReady();
            assertEquals("true", jvm.result("timeout"), jvm.stdout() + jvm.stderr());
            String log = ForkedJvm.awaitText("the exhaustion dump", jvm::log,
                    text -> text.contains("==== end of poolscope dump"), Duration.ofSeconds(5));
            assertTrue(log.matches("(?s).*connections opened: 1 .*failed: [1-9]\\d*, last failure at .*"), log);
            assertTrue(log.contains("too many connections for role \"poolscope_it_limited\""), log);
            assertTrue(log.contains("verdict: POOL CANNOT GROW: 1 connection out of a maximum of 3"), log);
            assertTrue(log.contains("acquired at scenarios.PoolApp.postgresRefuses(PoolApp.java:")
                    || log.contains("acquisition stack not captured"), log);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    /**
     * A HikariCP 7 pool of 3 on PostgreSQL, 12 threads taking, using and returning connections with a
     * 250 ms connectionTimeout for 4 s, while the server terminates every backend of the pool every
     * 20 ms (see {@code PoolApp.postgresFailover}). Every acquire must end, and poolscope's counters
     * must account for every one of them: each acquire ended as a lease (returned, closed by the
     * pool while out, or still out), a timeout or another failure; as many timeouts as the
     * application caught, also those HikariCP throws after finding a borrowed connection dead;
     * nobody left listed as waiting.
     */
    @Test
    void killedConnectionsLeaveEveryAcquireAccountedFor() throws Exception {
        Postgres.require();
        try (ForkedJvm jvm = ForkedJvm.builder().hikari("hikari-7").libs("postgresql").agent("")
                .args("pg-failover").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            String out = jvm.stdout();
            assertNotNull(jvm.result("appAttempts"), out + jvm.stderr());
            assertEquals("0", jvm.result("appThreadsStuck"), "every acquire ended: " + out);
            long attempts = count(jvm, "appAttempts");
            long appTimeouts = count(jvm, "appTimeouts");
            assertEquals(attempts, count(jvm, "appSuccesses") + appTimeouts + count(jvm, "appAcquireFailures"), out);
            assertTrue(count(jvm, "appBackendsKilled") > 0, "the server killed the pool's connections: " + out);
            assertTrue(count(jvm, "appQueryFailures") > 0, "some connections died while held: " + out);

            long acquires = count(jvm, "Acquires");
            long releases = count(jvm, "Releases");
            long timeouts = count(jvm, "Timeouts");
            long failures = count(jvm, "Failures");
            long closedWhileOut = count(jvm, "ConnectionsClosedWhileOut");
            long leasesOut = count(jvm, "LeasesOut");
            long reclaimed = jvm.result("Reclaimed") == null ? 0 : count(jvm, "Reclaimed"); // where the agent has it
            List<Executable> checks = new ArrayList<>();
            checks.add(() -> assertEquals(acquires, releases + timeouts + failures + closedWhileOut + leasesOut + reclaimed,
                    "acquires = releases + timeouts + failures + closedWhileOut + leasesOut"
                            + (jvm.result("Reclaimed") == null ? "" : " + reclaimed")));
            checks.add(() -> assertEquals(appTimeouts, timeouts, "poolscope's timeouts = SQLTransientConnectionExceptions caught"));
            checks.add(() -> assertEquals(attempts, acquires, "poolscope's acquires = getConnection calls"));
            checks.add(() -> assertEquals(0, count(jvm, "WaitingThreads"), "threads poolscope lists as waiting, with none in getConnection"));
            checks.add(() -> assertEquals(0, leasesOut, "leases poolscope lists as out, with every connection closed"));
            assertAll("poolscope's counts after " + out.trim(), checks);
        }
    }

    private static long count(ForkedJvm jvm, String key) {
        String value = jvm.result(key);
        assertNotNull(value, "no '" + key + "' in " + jvm.stdout());
        return Long.parseLong(value);
    }
}
