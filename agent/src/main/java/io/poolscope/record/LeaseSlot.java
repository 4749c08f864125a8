package io.poolscope.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The live-lease record of one physical connection, reused for each of its leases, so a lease
 * allocates nothing here. Written by the thread that takes or returns the connection (the pool
 * orders those), read by the scanner and dumps: a sequence number makes the reads consistent
 * without a lock (odd while a writer is mid-update).
 *
 * <p>Holds no reference to the connection and only a {@link ThreadState} (which holds its thread
 * weakly), so a leaked connection the application drops stays collectable.
 */
public final class LeaseSlot {

    /** The slot handed out when the pool's table is full: it records nothing. */
    static final LeaseSlot UNTRACKED = new LeaseSlot(false);

    private static final VarHandle SEQ;
    private static final VarHandle STACK;
    private static final VarHandle REPORTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQ = lookup.findVarHandle(LeaseSlot.class, "seq", int.class);
            STACK = lookup.findVarHandle(LeaseSlot.class, "stack", Object.class);
            REPORTED = lookup.findVarHandle(LeaseSlot.class, "leakReportedLease", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean tracked;
    @SuppressWarnings("unused") // accessed through SEQ
    private int seq;
    private boolean active;
    private long leaseNumber;
    private long acquiredNanos;
    private long waitNanos;
    private ThreadState holder;
    private String holderName;
    /** {@code null}, a raw {@link AcquisitionTrace}, or the interned {@link AcquisitionStack}. */
    @SuppressWarnings("unused") // written plainly by the lease owner, swapped through STACK by the scanner
    private Object stack;
    @SuppressWarnings("unused") // accessed through REPORTED
    private long leakReportedLease;

    LeaseSlot() {
        this(true);
    }

    private LeaseSlot(boolean tracked) {
        this.tracked = tracked;
    }

    /** Starts a lease; returns whether it is tracked (false for {@link #UNTRACKED} or a lease already out). */
    boolean begin(ThreadState thread, String threadName, long nowNanos, long waitNanos, Object rawStack) {
        if (!tracked) {
            return false;
        }
        boolean wasActive = active;
        int s = (int) SEQ.getOpaque(this);
        SEQ.setOpaque(this, s + 1);
        VarHandle.storeStoreFence();
        this.active = true;
        this.leaseNumber++;
        this.acquiredNanos = nowNanos;
        this.waitNanos = waitNanos;
        this.holder = thread;
        this.holderName = threadName;
        this.stack = rawStack;
        SEQ.setRelease(this, s + 2);
        return !wasActive;
    }

    /**
     * Ends the current lease. Returns its hold time, or -1 if none was active (a connection taken
     * before poolscope started, or returned twice).
     */
    long end(long nowNanos) {
        if (!tracked || !active) {
            return -1;
        }
        long held = nowNanos - acquiredNanos;
        int s = (int) SEQ.getOpaque(this);
        SEQ.setOpaque(this, s + 1);
        VarHandle.storeStoreFence();
        this.active = false;
        this.holder = null;
        this.stack = null;
        SEQ.setRelease(this, s + 2);
        return held;
    }

    /** Whether the current lease was logged as a suspected leak; cheap enough for the release path. */
    boolean isLeakReported() {
        return active && (long) REPORTED.getOpaque(this) == leaseNumber;
    }

    /** A consistent copy of the current lease, or {@code null} if the connection is not leased. */
    LeaseView read(long nowNanos) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int before = (int) SEQ.getAcquire(this);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            boolean isActive = active;
            long number = leaseNumber;
            long acquired = acquiredNanos;
            long waited = waitNanos;
            ThreadState thread = holder;
            String name = holderName;
            Object rawStack = STACK.getOpaque(this);
            VarHandle.loadLoadFence();
            if ((int) SEQ.getOpaque(this) == before) {
                if (!isActive) {
                    return null;
                }
                boolean reported = (long) REPORTED.getOpaque(this) == number;
                LeaseView view = new LeaseView(this, number, acquired, Math.max(0L, nowNanos - acquired), waited, thread,
                        name, rawStack, reported);
                if (rawStack instanceof AcquisitionStack) {
                    view.resolveStack((AcquisitionStack) rawStack);
                }
                return view;
            }
        }
        return null;
    }

    /** Replaces a raw trace by its interned stack, unless the lease changed meanwhile. */
    void internStack(Object rawTrace, AcquisitionStack interned) {
        STACK.compareAndSet(this, rawTrace, interned);
    }

    /** Marks lease {@code number} as logged; ignored if another lease began meanwhile. */
    void markLeakReported(long number) {
        REPORTED.setOpaque(this, number);
    }
}
