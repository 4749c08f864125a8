package io.poolscope.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DataSources that wrap a pool are recorded once per lease, at the pool: Spring's proxies from
 * {@code spring-jdbc}, from Maven Central, over the newest version of each pool of the matrix.
 */
class NestingIT {

    static List<PoolMatrix.Entry> pools() {
        return PoolMatrix.selected().stream().filter(e -> e.newest && !e.features.contains(PoolMatrix.Feature.GENERIC))
                .collect(Collectors.toList()); // a data source that is no pool: GenericFallbackIT
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void springsProxiesOverAPoolCountEachLeaseOnce(PoolMatrix.Entry pool) throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().pool(pool.libs).libs("spring-jdbc").agent("")
                .mainClass("scenarios.contract.NestingApp").args(pool.kind).start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("30", jvm.result("used"), jvm.stdout());
            // 30 used and closed, 1 leaked, and 1 per LazyConnectionDataSourceProxy (2), which takes a
            // connection when it is built to read the pool's default auto-commit and isolation
            assertEquals("33", jvm.result("Acquires"), "one acquire per connection the wrappers took: " + jvm.stdout());
            assertEquals("33", jvm.result("LeasesTaken"), jvm.stdout());
            assertEquals("32", jvm.result("Releases"), jvm.stdout());
            assertEquals("1", jvm.result("LeasesOut"), jvm.stdout());
            assertEquals("0", jvm.result("Failures"), jvm.stdout());
        }
    }

    @org.junit.jupiter.api.Test
    void aPoolOverAnotherPoolIsTwoPoolsEachCountingItsOwnLeases() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().pool("hikari-7").libs("tomcat-jdbc-11").agent("")
                .mainClass("scenarios.contract.PoolOverPoolApp").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            java.util.Map<String, String[]> pools = new java.util.HashMap<>();
            for (String line : jvm.stdout().split("\n")) {
                if (line.startsWith("pool ")) {
                    String[] fields = line.substring(5).split("\\|");
                    pools.put(fields[0], fields);
                }
            }
            String[] outer = pools.get("outer-tomcat");
            String[] inner = pools.get("inner-hikari");
            assertEquals(java.util.List.of("outer-tomcat", "10", "10", "0"), java.util.List.of(outer), jvm.stdout());
            // the outer pool's physical connections are the inner pool's leases, held while pooled
            int innerAcquires = Integer.parseInt(inner[1]);
            assertTrue(innerAcquires >= 1 && innerAcquires <= 2, jvm.stdout());
            assertEquals(inner[1], inner[3], "every inner lease is held by the outer pool: " + jvm.stdout());
            assertEquals("0", inner[2], jvm.stdout());
        }
    }
}
