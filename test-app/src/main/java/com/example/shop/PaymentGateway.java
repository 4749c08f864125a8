package com.example.shop;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Stands in for a remote card processor: each charge takes a few milliseconds and some cards are declined. */
public class PaymentGateway {

    // A fixed seed makes the n-th payment of every run get the same answer, so an outage caused by
    // declines arrives after the same number of payments each time rather than whenever luck decides.
    private static final long DECISION_SEED = 2024L;

    private final int declineOneIn;
    private final Random decisions = new Random(DECISION_SEED);

    public PaymentGateway(int declineOneIn) {
        this.declineOneIn = declineOneIn;
    }

    public void charge(long orderId, long amountCents) throws PaymentDeclinedException {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(2, 6)));
        if (decisions.nextInt(declineOneIn) == 0) {
            throw new PaymentDeclinedException(
                    String.format("card declined for order %d (%d.%02d)", orderId, amountCents / 100, amountCents % 100));
        }
    }
}
