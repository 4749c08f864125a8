package io.poolscope.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generic fallback (option {@code generic}), with the built agent jar in forked JVMs running
 * {@code scenarios.GenericApp}: data sources no adapter covers are tracked only when it is on, a
 * wrapper counts once (the outermost call), and a known pool is counted by its own adapter only,
 * whether it is used straight, through a wrapper, or opens its connections from such a data source.
 */
class GenericFallbackIT {

    private static final String H2 = "generic:JdbcDataSource:jdbc:h2:mem:generic";
    private static final String WRAPPER = "generic:WrappingDataSource";

    private static ForkedJvm start(String options, String scenario) throws Exception {
        return ForkedJvm.builder().pool("hikari-7").agent(options).mainClass("scenarios.GenericApp").args(scenario).start();
    }

    @Test
    void offByDefaultADataSourceThatIsNoPoolIsNotRecorded() throws Exception {
        try (ForkedJvm jvm = start("", "plain")) {
            jvm.awaitReady();
            assertEquals("1", jvm.result("pools"), "only the marker pool: " + jvm.stdout());
            assertNull(jvm.result(H2 + ".Acquires"), jvm.stdout());
            // H2's pool adapter instruments JdbcDataSource (its pool opens connections there); H2's connections stay as they are
            assertFalse(jvm.log().contains("instrumented org.h2.jdbc.JdbcConnection"), jvm.log());
            jvm.proceed();
        }
    }

    @Test
    void onTheOutermostGetConnectionLeasesUntilTheConnectionIsClosedAndALeakIsNamed() throws Exception {
        try (ForkedJvm jvm = start("generic=on,leakThreshold=300ms,stacks=full", "plain")) {
            jvm.awaitReady();
            assertEquals("3", jvm.result("pools"), jvm.stdout());
            // through the wrapper: counted in the wrapper only
            assertEquals("10", jvm.result(WRAPPER + ".Acquires"), jvm.stdout());
            assertEquals("10", jvm.result(WRAPPER + ".Releases"), jvm.stdout());
            assertEquals("0", jvm.result(WRAPPER + ".LeasesOut"), jvm.stdout());
            assertEquals("generic", jvm.result(WRAPPER + ".Library"), jvm.stdout());
            // straight from H2's data source: 4 closed, 1 leaked
            assertEquals("5", jvm.result(H2 + ".Acquires"), jvm.stdout());
            assertEquals("4", jvm.result(H2 + ".Releases"), jvm.stdout());
            assertEquals("1", jvm.result(H2 + ".LeasesOut"), jvm.stdout());
            assertEquals("0", jvm.result(H2 + ".Failures"), jvm.stdout());
            assertEquals("1", jvm.result("marker.Acquires"), "the known pool, counted once: " + jvm.stdout());
            String log = jvm.awaitLog("the leak", text -> text.contains("suspected leak in pool '" + H2 + "'"));
            assertTrue(log.contains("acquired at:\n    at scenarios.GenericApp$LeakyDao.leak("), log);
            assertFalse(log.contains("generic-secret-password"), "never logs credentials");
            assertFalse(jvm.stdout().contains("generic-secret-password"), "never shows credentials");
            jvm.proceed();
        }
    }

    @Test
    void onAHikariPoolIsCountedOncePerLeaseStraightOrThroughAWrapperAndItsDataSourceNotAtAll() throws Exception {
        try (ForkedJvm jvm = start("generic=on", "hikari")) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("2", jvm.result("pools"), "the HikariCP pool and the marker, nothing generic: " + jvm.stdout());
            assertEquals("HikariCP", jvm.result("hikari-over-h2.Library"), jvm.stdout());
            assertEquals("20", jvm.result("hikari-over-h2.Acquires"), jvm.stdout());
            assertEquals("20", jvm.result("hikari-over-h2.Releases"), jvm.stdout());
            assertEquals("0", jvm.result("hikari-over-h2.LeasesOut"), jvm.stdout());
            assertTrue(jvm.log().contains("instrumented org.h2.jdbcx.JdbcDataSource"), "the fallback was in place: " + jvm.log());
            assertFalse(jvm.log().contains("poolscope: could not"), jvm.log());
        }
    }

    @Test
    void onAnOracleUcpPoolIsCountedOncePerLeaseAndTheDataSourceItOpensConnectionsFromNotAtAll() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().pool("ucp-23.26").libs("hikari-7").agent("generic=on")
                .mainClass("scenarios.GenericApp").args("ucp").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("2", jvm.result("pools"), "the UCP pool and the marker, nothing generic: " + jvm.stdout());
            assertEquals("20", jvm.result("ucp-over-h2.Acquires"), jvm.stdout());
            assertEquals("20", jvm.result("ucp-over-h2.Releases"), jvm.stdout());
            assertEquals("0", jvm.result("ucp-over-h2.LeasesOut"), jvm.stdout());
            assertTrue(jvm.log().contains("instrumented org.h2.jdbcx.JdbcDataSource"), "the fallback was in place: " + jvm.log());
        }
    }

    @Test
    void onSpringsProxiesOverAHikariPoolStillCountEachLeaseOnceAtThePool() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().pool("hikari-7").libs("spring-jdbc").agent("generic=on")
                .mainClass("scenarios.contract.NestingApp").args("Hikari").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("30", jvm.result("used"), jvm.stdout());
            assertEquals("33", jvm.result("Acquires"), "as without the fallback (NestingIT): " + jvm.stdout());
            assertEquals("32", jvm.result("Releases"), jvm.stdout());
            assertEquals("1", jvm.result("LeasesOut"), jvm.stdout());
            assertTrue(jvm.log().contains("instrumented org.h2.jdbc.JdbcConnection"), "the fallback was in place: " + jvm.log());
            assertFalse(jvm.log().contains("generic:"), "no data source of its own: " + jvm.log());
        }
    }
}
