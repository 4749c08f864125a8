package io.poolscope.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Tomcat JDBC pool beyond {@link PoolContractIT}, for each Tomcat line of {@link PoolMatrix}
 * this run covers: its start-up fill is not the application's acquires, {@code getConnectionAsync}
 * hands out leases that are counted, and a pool closed with connections out ends their leases as
 * closed, not reclaimed. Runs {@code scenarios.TomcatJdbcApp}.
 */
class TomcatJdbcIT {

    static List<PoolMatrix.Entry> tomcatPools() {
        List<PoolMatrix.Entry> pools = PoolMatrix.selected().stream().filter(e -> e.kind.equals("TomcatJdbc"))
                .collect(Collectors.toList());
        return pools.isEmpty() ? java.util.Collections.singletonList(null) : pools;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcatPools")
    void fillAsyncAndShutdownAreCountedAsThePoolDoesThem(PoolMatrix.Entry pool) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pool != null, "no Tomcat JDBC line in this run's matrix");
        try (ForkedJvm jvm = ForkedJvm.builder().pool(pool.libs).agent("").mainClass("scenarios.TomcatJdbcApp").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            String out = jvm.stdout();
            // the 2 connections of initialSize are opened, borrowed and returned by the pool itself
            assertEquals("1", jvm.result("fill.Acquires"), out);
            assertEquals("1", jvm.result("fill.Releases"), out);
            assertEquals("2", jvm.result("fill.ConnectionsCreated"), out);
            assertEquals("2", jvm.result("fill.ReleasesOfLeasesBeforePoolscope"), "the fill's returns: " + out);
            // getConnectionAsync served at once, then through its future once a connection came back
            assertEquals("2", jvm.result("async.Acquires"), out);
            assertEquals("2", jvm.result("async.Releases"), out);
            assertEquals("6", jvm.result("asyncLater.Acquires"), out);
            assertEquals("5", jvm.result("asyncLater.Releases"), out);
            assertEquals("1", jvm.result("asyncLater.LeasesOut"), out);
            assertEquals("0", jvm.result("asyncLater.Failures"), out);
            assertEquals("0", jvm.result("asyncLater.Timeouts"), out);
            // close(true) abandons the connection still out: closed by the pool, not a reclaim
            assertEquals("1", jvm.result("shutdown.ConnectionsClosedWhileOut"), out);
            assertEquals("0", jvm.result("shutdown.Reclaimed"), out);
            assertEquals("0", jvm.result("shutdown.LeasesOut"), out);
            assertEquals("5", jvm.result("lateClose.Releases"), "the holder's late close ends nothing: " + out);
            assertEquals("1", jvm.result("lateClose.ConnectionsClosedWhileOut"), out);
            assertFalse(jvm.log().contains("poolscope: could not"), jvm.log());
        }
    }
}
