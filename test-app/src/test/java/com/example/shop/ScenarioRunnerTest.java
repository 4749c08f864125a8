package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shop.pool.ShopPools;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioRunnerTest {

    private static final int POOL_SIZE = 2;

    static List<String> pools() {
        return ShopPools.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    @Timeout(30)
    void leakDrainsThePoolAndRequestsTimeOut(String pool) throws Exception {
        // every payment declined: each checkout leaks its connection, so the pool drains within the first checkouts
        ShopSettings settings = smallShop("leak-" + pool).withDeclineOneIn(1).withPool(pool);

        RunSummary summary = ScenarioRunner.run(Scenarios.byName("leak").orElseThrow(), settings);

        assertEquals(POOL_SIZE, summary.leakedConnections(), summary.toString());
        assertTrue(summary.declines() >= POOL_SIZE, summary.toString());
        assertTrue(summary.timeouts() > 0, summary.toString());
        assertTrue(summary.firstTimeout().isPresent(), summary.toString());
    }

    @Test
    @Timeout(20)
    void healthyShopNeverRunsOutOfConnections() throws Exception {
        ShopSettings settings = smallShop("healthy").withDeclineOneIn(2);

        RunSummary summary = ScenarioRunner.run(Scenarios.byName("healthy").orElseThrow(), settings);

        assertTrue(summary.checkouts() > 0, summary.toString());
        assertTrue(summary.declines() > 0, summary.toString());
        assertEquals(0, summary.failures(), summary.toString());
        assertEquals(0, summary.timeouts(), summary.toString());
        assertEquals(0, summary.leakedConnections(), summary.toString());
    }

    /** Twice as many shoppers as connections, with half the payments declined, so a leak shows within a second. */
    private static ShopSettings smallShop(String name) {
        return ShopSettings.defaults()
                .withJdbcUrl(TestDatabases.uniqueUrl(name))
                .withPoolSize(POOL_SIZE)
                .withThreads(4)
                .withPauseMillis(1)
                .withConnectionTimeout(Duration.ofMillis(1000))
                .withDuration(Duration.ofSeconds(3));
    }
}
