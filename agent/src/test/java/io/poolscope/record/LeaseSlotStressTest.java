package io.poolscope.record;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several threads begin, end, close and read the same few slots for millions of rounds, as a pool
 * does when its housekeeper evicts connections while their holders return them. Fails on any lease
 * lost (begun but neither ended nor out) or doubled (ended twice, or begun while out), or on a torn
 * read.
 */
class LeaseSlotStressTest {

    private static final int SLOTS = 4;
    private static final int ROUNDS_PER_HOLDER = 1_000_000;
    private static final long MAGIC = 0x5DEECE66DL;

    @Test
    void concurrentEndsEndEachLeaseOnceAndReadersNeverSeeATornLease() throws Exception {
        LeaseSlot[] slots = new LeaseSlot[SLOTS];
        AtomicBoolean[] handedOut = new AtomicBoolean[SLOTS]; // the pool's own bookkeeping
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new LeaseSlot(null, false);
            handedOut[i] = new AtomicBoolean();
        }
        AtomicLong began = new AtomicLong();
        AtomicLong beganWhileOut = new AtomicLong();
        AtomicLong ended = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicBoolean holdersDone = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(5);

        for (int h = 0; h < 2; h++) {
            threads.add(new Thread(guard(failure, () -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                Thread self = Thread.currentThread();
                for (int round = 0; round < ROUNDS_PER_HOLDER; round++) {
                    int i = random.nextInt(SLOTS);
                    if (!handedOut[i].compareAndSet(false, true)) {
                        continue;
                    }
                    long acquired = random.nextLong(1, Long.MAX_VALUE / 4);
                    int begun = slots[i].begin(self, acquired, acquired ^ MAGIC, null);
                    if (begun == LeaseSlot.BEGUN) {
                        began.incrementAndGet();
                    } else {
                        beganWhileOut.incrementAndGet();
                    }
                    if (slots[i].end(acquired + 1) >= 0) { // the holder returns it, unless the closer ended it first
                        ended.incrementAndGet();
                    }
                    handedOut[i].set(false);
                }
            }), "holder-" + h));
        }
        for (int c = 0; c < 2; c++) {
            threads.add(new Thread(guard(failure, () -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!holdersDone.get()) {
                    if (slots[random.nextInt(SLOTS)].end(Long.MAX_VALUE / 2) >= 0) { // evicted while out
                        ended.incrementAndGet();
                    }
                }
            }), "closer-" + c));
        }
        threads.add(new Thread(guard(failure, () -> {
            start.await();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!holdersDone.get()) {
                LeaseView view = slots[random.nextInt(SLOTS)].read(Long.MAX_VALUE / 2);
                reads.incrementAndGet();
                if (view != null && view.waitNanos() != (view.acquiredNanos() ^ MAGIC)) {
                    throw new AssertionError("torn read: acquired " + view.acquiredNanos() + ", wait " + view.waitNanos());
                }
            }
        }), "reader"));

        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread holder : threads.subList(0, 2)) {
            holder.join();
        }
        holdersDone.set(true);
        for (Thread thread : threads) {
            thread.join();
        }

        assertNull(failure.get());
        long out = 0;
        for (LeaseSlot slot : slots) {
            out += slot.read(0) == null ? 0 : 1;
        }
        assertEquals(0, beganWhileOut.get(), "a slot the pool had free was never found with a lease out");
        assertEquals(0, out, "every holder ended or saw its lease ended");
        assertEquals(began.get(), ended.get(), "each lease ended exactly once");
        assertTrue(began.get() > ROUNDS_PER_HOLDER / 2, "leases begun: " + began.get());
        assertTrue(reads.get() > 0);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Runnable guard(AtomicReference<Throwable> failure, Body body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
    }
}
