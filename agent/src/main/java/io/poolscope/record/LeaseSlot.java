package io.poolscope.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The live-lease record of one connection key, reused for each of its leases, so a lease allocates
 * nothing here. Knows its pool, so a release needs nothing but the key.
 *
 * <p>Several threads may write one slot: the thread that takes the connection, the one that
 * returns it, and a pool thread that closes or reclaims it meanwhile. A writer first claims the
 * slot by moving its sequence number from even to odd with a compare-and-set, writes, then makes
 * it even again; so two concurrent ends find one lease to end, and the other finds none. Readers
 * take no claim: they copy the fields and keep the copy only if the sequence number was even and
 * unchanged, and give up after a bounded number of tries.
 *
 * <p>Holds no reference to the connection. It refers to the holder thread only while the lease is
 * out, and the scanner drops that reference once the thread ended ({@link #forgetEndedHolder()}),
 * so a dead thread (and its context class loader) is not kept alive by a lease it never returned.
 */
public final class LeaseSlot {

    private static final VarHandle SEQ;
    private static final VarHandle STACK;
    private static final VarHandle REPORTED;
    private static final VarHandle HOLDER;
    private static final int READ_ATTEMPTS = 1000;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQ = lookup.findVarHandle(LeaseSlot.class, "seq", int.class);
            STACK = lookup.findVarHandle(LeaseSlot.class, "stack", Object.class);
            REPORTED = lookup.findVarHandle(LeaseSlot.class, "leakReportedLease", long.class);
            HOLDER = lookup.findVarHandle(LeaseSlot.class, "holder", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The pool whose connection this is; {@code null} for {@link LeaseTable#UNTRACKED}. */
    final PoolHandle pool;
    /** Whether the key lives for one lease only: the slot is dropped when that lease ends. */
    final boolean once;
    @SuppressWarnings("unused") // accessed through SEQ
    private int seq;
    private boolean active;
    /** Set when the connection was closed: the slot takes no lease any more (a new one replaces it). */
    private boolean retired;
    private long leaseNumber;
    private long acquiredNanos;
    private long waitNanos;
    private long holderId;
    private String holderName;
    @SuppressWarnings("unused") // written under the claim, cleared by the scanner through HOLDER
    private Thread holder;
    /** {@code null}, a raw {@link AcquisitionTrace}, or the interned {@link AcquisitionStack}. */
    @SuppressWarnings("unused") // written under the claim, swapped through STACK by the scanner
    private Object stack;
    /** The number of the lease logged as a suspected leak; written under the claim. */
    private long leakReportedLease;
    private LeaseView endedReport;
    /** The stack of the long lease {@link #end} just ended, for its call site's figures; taken at once by that thread. */
    private Object endedStack;

    LeaseSlot(PoolHandle pool, boolean once) {
        this.pool = pool;
        this.once = once;
    }

    /** Claims the slot for writing; returns the even sequence number it held. */
    private int claim() {
        for (int spins = 0; ; spins++) {
            int s = (int) SEQ.getVolatile(this);
            if ((s & 1) == 0 && SEQ.compareAndSet(this, s, s + 1)) {
                VarHandle.storeStoreFence(); // readers see the odd number before any field written under the claim
                return s;
            }
            // another writer holds the claim for a few stores
            if (spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private void publish(int claimed) {
        SEQ.setRelease(this, claimed + 2);
    }

    static final int BEGUN = 0;
    /** Begun, but a lease of this key was still out: the pool handed it out again unseen. */
    static final int BEGUN_OVER_UNSEEN_END = 1;
    /** Not begun: the connection was closed meanwhile; the caller takes a new slot. */
    static final int RETIRED = 2;

    /**
     * Starts a lease: {@link #BEGUN}; {@link #BEGUN_OVER_UNSEEN_END} when a lease of this key was
     * still out (the pool handed the key out again without poolscope seeing it come back, and
     * that lease ends unseen here); or {@link #RETIRED}, writing nothing.
     */
    int begin(Thread thread, long nowNanos, long waitNanos, Object rawStack) {
        long threadId = thread.getId();
        String threadName = thread.getName();
        int s = claim();
        if (retired) {
            publish(s);
            return RETIRED;
        }
        boolean wasActive = active;
        active = true;
        leaseNumber++;
        acquiredNanos = nowNanos;
        this.waitNanos = waitNanos;
        holderId = threadId;
        holderName = threadName;
        HOLDER.setOpaque(this, thread);
        stack = rawStack;
        publish(s);
        return wasActive ? BEGUN_OVER_UNSEEN_END : BEGUN;
    }

    /** Set in what {@link #end} returns when the lease it ended had been logged as a suspected leak. */
    static final long WAS_REPORTED = 1L << 62;
    private static final long HELD_MASK = WAS_REPORTED - 1;

    /**
     * Ends the current lease. Returns its hold time, with {@link #WAS_REPORTED} set if it had been
     * logged as a suspected leak (a copy of it is then in {@link #endedReport()}); or -1 if none
     * was out (a second end of the same lease, from this or another thread).
     */
    long end(long nowNanos) {
        if (!isActiveNow()) {
            return -1;
        }
        int s = claim();
        if (!active) {
            publish(s);
            return -1;
        }
        long held = Math.min(HELD_MASK, Math.max(0L, nowNanos - acquiredNanos));
        boolean reported = leakReportedLease == leaseNumber;
        if (reported) { // the rare path: a copy for the "returned" line, taken before the fields are cleared
            endedReport = copy(nowNanos);
        }
        if (held >= CallSiteStatistics.LONG_LEASE_NANOS) {
            endedStack = stack;
        }
        active = false;
        HOLDER.setOpaque(this, (Thread) null);
        stack = null;
        publish(s);
        return reported ? held | WAS_REPORTED : held;
    }

    static long heldNanos(long ended) {
        return ended & HELD_MASK;
    }

    /**
     * The stack of the lease {@link #end} just ended, if it was held {@link CallSiteStatistics#LONG_LEASE_NANOS}
     * or more (else {@code null}); the thread that ended it takes it once, so no raw trace stays here.
     */
    Object takeEndedStack() {
        Object taken = endedStack;
        endedStack = null;
        return taken;
    }

    /** The copy {@link #end} took of a reported lease it ended; read by the thread that ended it. */
    LeaseView endedReport() {
        return endedReport;
    }

    /**
     * Ends the current lease, if any, and takes no other: the connection was closed. Returns the
     * hold time of the lease it ended, or -1.
     */
    long retire(long nowNanos) {
        int s = claim();
        long held = active ? Math.max(0L, nowNanos - acquiredNanos) : -1;
        active = false;
        retired = true;
        HOLDER.setOpaque(this, (Thread) null);
        stack = null;
        publish(s);
        return held;
    }

    /** A cheap unclaimed look: false only if no lease is out (a claimed write may be under way). */
    private boolean isActiveNow() {
        int s = (int) SEQ.getAcquire(this);
        boolean isActive = active;
        VarHandle.loadLoadFence();
        return isActive || (int) SEQ.getOpaque(this) != s || (s & 1) != 0;
    }

    /**
     * A consistent copy of the current lease, or {@code null} if the connection is not leased (or
     * was rewritten on every one of a bounded number of tries: the next scan sees it).
     */
    LeaseView read(long nowNanos) {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            int before = (int) SEQ.getAcquire(this);
            if ((before & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            boolean isActive = active;
            long number = leaseNumber;
            long acquired = acquiredNanos;
            long waited = waitNanos;
            long threadId = holderId;
            String name = holderName;
            Thread thread = (Thread) HOLDER.getOpaque(this);
            Object rawStack = STACK.getOpaque(this);
            VarHandle.loadLoadFence();
            if ((int) SEQ.getOpaque(this) != before) {
                continue;
            }
            if (!isActive) {
                return null;
            }
            boolean reported = (long) REPORTED.getOpaque(this) == number;
            LeaseView view = new LeaseView(this, number, acquired, Math.max(0L, nowNanos - acquired), waited,
                    threadId, name.isEmpty() ? "thread#" + threadId : name, thread, rawStack, reported);
            if (rawStack instanceof AcquisitionStack) {
                view.resolveStack((AcquisitionStack) rawStack);
            }
            return view;
        }
        return null;
    }

    // under the claim
    private LeaseView copy(long nowNanos) {
        Object rawStack = stack;
        LeaseView view = new LeaseView(this, leaseNumber, acquiredNanos, Math.max(0L, nowNanos - acquiredNanos), waitNanos,
                holderId, holderName.isEmpty() ? "thread#" + holderId : holderName, (Thread) HOLDER.getOpaque(this),
                rawStack, true);
        if (rawStack instanceof AcquisitionStack) {
            view.resolveStack((AcquisitionStack) rawStack);
        }
        return view;
    }

    /** Replaces a raw trace by its interned stack, unless the lease changed meanwhile. */
    void internStack(Object rawTrace, AcquisitionStack interned) {
        STACK.compareAndSet(this, rawTrace, interned);
    }

    /** Drops the reference to a holder thread that ended. Called by the scanner. */
    void forgetEndedHolder() {
        Thread thread = (Thread) HOLDER.getOpaque(this);
        if (thread != null && !thread.isAlive()) {
            HOLDER.compareAndSet(this, thread, null);
        }
    }

    /**
     * Marks lease {@code number} as logged as a suspected leak, if it is still out: under the claim,
     * so its end sees the mark exactly when the leak is logged. Returns whether it marked it.
     */
    boolean markLeakReported(long number) {
        int s = claim();
        boolean stillOut = active && leaseNumber == number;
        if (stillOut) {
            REPORTED.setOpaque(this, number);
        }
        publish(s);
        return stillOut;
    }
}
