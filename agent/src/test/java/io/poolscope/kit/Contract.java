package io.poolscope.kit;

import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import org.example.fakepool.CountedPool;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every pool adapter must give, whatever its shape: per pool, each acquire ended once
 * (acquires = leases + timeouts + failures) and each lease is out or ended once (leases =
 * releases + closed while out + reclaimed + ended unseen + untracked + live); no phantom pool; no thread left
 * waiting; poolscope's own code never failed.
 */
final class Contract {

    private Contract() {
    }

    /**
     * {@link #assertBalanced(Recording, String...)}, and each pool's acquires are exactly the
     * application's calls into it, counted by the fake pool itself.
     */
    static void assertBalanced(Recording recording, CountedPool... expectedPools) {
        String[] names = new String[expectedPools.length];
        for (int i = 0; i < expectedPools.length; i++) {
            names[i] = expectedPools[i].name();
        }
        assertBalanced(recording, names);
        for (CountedPool fake : expectedPools) {
            for (PoolHandle pool : recording.pools()) {
                if (pool.name().equals(fake.name())) {
                    assertEquals(fake.acquireCalls(), pool.statistics().acquires(),
                            "acquires recorded for " + fake.name() + ", against the calls the application made");
                }
            }
        }
    }

    static void assertBalanced(Recording recording, String... expectedPools) {
        recording.maintain(System.nanoTime());
        List<String> names = new ArrayList<>();
        for (PoolHandle pool : recording.pools()) {
            names.add(pool.name());
            StatisticsView stats = pool.statistics();
            int live = recording.leases(pool, System.nanoTime()).size();
            String counts = describe(pool.name(), stats, live);
            assertEquals(stats.acquires(), stats.leases() + stats.timeouts() + stats.failures(),
                    "every acquire ended once: " + counts);
            assertEquals(stats.leases(), stats.releases() + stats.closedWhileOut() + stats.reclaimed()
                    + stats.endedUnseen() + pool.untrackedLeases() + live, "every lease is out or ended once: " + counts
                    + " untracked=" + pool.untrackedLeases());
            assertTrue(recording.waiters(pool).isEmpty(), "no thread left waiting on " + pool.name());
        }
        assertEquals(List.of(expectedPools), names, "the pools seen, and no other");
        assertEquals(0, recording.errors().count(), "poolscope's own errors: " + recording.errors().first());
    }

    static String describe(String pool, StatisticsView stats, int live) {
        return pool + ": acquires=" + stats.acquires() + " leases=" + stats.leases() + " timeouts=" + stats.timeouts()
                + " failures=" + stats.failures() + " releases=" + stats.releases() + " closedWhileOut="
                + stats.closedWhileOut() + " reclaimed=" + stats.reclaimed() + " endedUnseen=" + stats.endedUnseen()
                + " live=" + live;
    }
}
