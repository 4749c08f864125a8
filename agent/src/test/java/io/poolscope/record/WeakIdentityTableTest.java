package io.poolscope.record;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeakIdentityTableTest {

    private static final long GC_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Every instance equals every other and they all share one hash code: only identity tells them apart. */
    private static final class LookAlike {
        @Override
        public boolean equals(Object other) {
            return other instanceof LookAlike;
        }

        @Override
        public int hashCode() {
            return 42;
        }
    }

    @Test
    void keysAreComparedByIdentityNotEquals() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(10);
        LookAlike first = new LookAlike();
        LookAlike second = new LookAlike();
        assertEquals(first, second);

        table.computeIfAbsent(first, key -> "first");
        table.computeIfAbsent(second, key -> "second");

        assertEquals("first", table.get(first));
        assertEquals("second", table.get(second));
        assertNull(table.get(new LookAlike()));
        assertEquals(2, table.values().size());
    }

    @Test
    void computeIfAbsentReturnsTheExistingValueWithoutCallingTheFactoryAgain() {
        WeakIdentityTable<Object> table = new WeakIdentityTable<>(10);
        Object key = new Object();
        AtomicInteger factoryCalls = new AtomicInteger();

        Object created = table.computeIfAbsent(key, k -> {
            factoryCalls.incrementAndGet();
            return new Object();
        });
        Object again = table.computeIfAbsent(key, k -> {
            factoryCalls.incrementAndGet();
            return new Object();
        });

        assertSame(created, again);
        assertSame(created, table.get(key));
        assertEquals(1, factoryCalls.get());
    }

    @Test
    void factoryReturningNullStoresNothing() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(10);
        Object key = new Object();

        assertNull(table.computeIfAbsent(key, k -> null));

        assertNull(table.get(key));
        assertTrue(table.values().isEmpty());
        assertEquals(0, table.dropped());
    }

    @Test
    void fullTableRefusesNewKeysAndCountsThem() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(2);
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        table.computeIfAbsent(a, k -> "a");
        table.computeIfAbsent(b, k -> "b");

        assertNull(table.computeIfAbsent(c, k -> "c"));
        assertNull(table.computeIfAbsent(new Object(), k -> "d"));

        assertEquals(2, table.dropped());
        assertNull(table.get(c));
        assertEquals("a", table.get(a), "keys already in stay");
        assertEquals("b", table.computeIfAbsent(b, k -> "other"), "existing keys are still found when full");
        assertEquals(2, table.dropped());
    }

    @Test
    void growingWellBeyondSixteenEntriesKeepsEveryLookupWorking() {
        WeakIdentityTable<Integer> table = new WeakIdentityTable<>(10_000);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Object key = new Object();
            keys.add(key);
            final int value = i;
            assertEquals(value, table.computeIfAbsent(key, k -> value));
        }

        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i, table.get(keys.get(i)), "key " + i);
        }
        assertEquals(500, table.values().size());
        assertNull(table.get(new Object()));
        assertEquals(0, table.dropped());
    }

    @Test
    void tableDoesNotKeepItsKeysAlive() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(10);
        Object kept = new Object();
        table.computeIfAbsent(kept, k -> "kept");
        WeakReference<Object> dropped = insertKeyNobodyHolds(table, "dropped");
        assertEquals(2, table.values().size());

        awaitCollected(dropped);
        table.expungeStale();

        assertEquals(List.of("kept"), table.values());
        assertEquals("kept", table.get(kept));
    }

    @Test
    void collectedKeyFreesItsPlaceInAFullTable() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(1);
        WeakReference<Object> dropped = insertKeyNobodyHolds(table, "dropped");
        Object newcomer = new Object();
        assertNull(table.computeIfAbsent(newcomer, k -> "newcomer"), "full while the first key lives");

        awaitCollected(dropped);
        // the collector clears the reference first and queues it a moment later; the scanner's
        // expungeStale() then frees the place: retry as it would
        long deadline = System.nanoTime() + GC_DEADLINE_NANOS;
        String stored;
        while ((stored = table.computeIfAbsent(newcomer, k -> "newcomer")) == null && System.nanoTime() < deadline) {
            table.expungeStale();
        }

        assertEquals("newcomer", stored);
        assertEquals(List.of("newcomer"), table.values());
    }

    /** Inserts a key held by nothing but the table; the returned reference tells when it is collected. */
    private static WeakReference<Object> insertKeyNobodyHolds(WeakIdentityTable<String> table, String value) {
        Object key = new Object();
        assertNotNull(table.computeIfAbsent(key, k -> value));
        return new WeakReference<>(key);
    }

    private static void awaitCollected(WeakReference<Object> reference) {
        long deadline = System.nanoTime() + GC_DEADLINE_NANOS;
        while (reference.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.yield();
        }
        assertNull(reference.get(), "the key was not collected within 10 s: the table keeps it reachable");
    }
}
