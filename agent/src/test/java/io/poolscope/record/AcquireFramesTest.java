package io.poolscope.record;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcquireFramesTest {

    @Test
    void moreThreadsThanFramesSpillAndAreAllFoundAndGivenBack() throws Exception {
        AcquireFrames frames = new AcquireFrames(8); // 8 frames; 40 threads acquire at once
        Object pool = new Object();
        CountDownLatch claimed = new CountDownLatch(40);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger foundOwn = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Thread thread = new Thread(() -> {
                AcquireFrame frame = frames.findOrClaim(Thread.currentThread());
                frame.calls++;
                frame.push(pool, System.nanoTime());
                claimed.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (frames.find(Thread.currentThread()) == frame) {
                    foundOwn.incrementAndGet();
                }
                frame.pop();
                frame.calls--;
                frames.releaseIfEmpty(frame);
            });
            threads.add(thread);
            thread.start();
        }
        assertTrue(claimed.await(10, TimeUnit.SECONDS));
        AtomicInteger waiting = new AtomicInteger();
        frames.forEachOwned((owner, frame) -> {
            if (frame.waitingOn() == pool) {
                waiting.incrementAndGet();
            }
        });
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        frames.expungeDeadOwners(open -> {
            throw new AssertionError("no acquire was left open");
        });

        assertEquals(40, waiting.get(), "every waiting thread is listed, in the table or spilled");
        assertEquals(40, foundOwn.get(), "every thread found its own frame");
        assertTrue(frames.spills.sum() >= 40 - 16, "spills: " + frames.spills.sum());
        AtomicInteger owned = new AtomicInteger();
        frames.forEachOwned((owner, frame) -> owned.incrementAndGet());
        assertEquals(0, owned.get(), "all frames given back");
        assertNull(frames.find(Thread.currentThread()));
    }

    @Test
    void aThreadThatDiesInsideAnAcquireHasItsFrameClearedAndItsPoolReported() throws Exception {
        AcquireFrames frames = new AcquireFrames(8);
        Object pool = new Object();
        Thread dying = new Thread(() -> {
            AcquireFrame frame = frames.findOrClaim(Thread.currentThread());
            frame.calls++;
            frame.push(pool, System.nanoTime());
        });
        dying.start();
        dying.join();
        List<Object> reported = new ArrayList<>();

        frames.expungeDeadOwners(reported::add);

        assertEquals(1, reported.size());
        assertSame(pool, reported.get(0));
        AtomicInteger owned = new AtomicInteger();
        frames.forEachOwned((owner, frame) -> owned.incrementAndGet());
        assertEquals(0, owned.get());
    }
}
