package io.poolscope.record;

/** A consistent copy of one live lease, for the scanner, dumps and JMX. */
public final class LeaseView {

    private final LeaseSlot slot;
    private final long leaseNumber;
    private final long acquiredNanos;
    private final long ageNanos;
    private final long waitNanos;
    private final ThreadState holder;
    private final String holderName;
    private final Object rawStack;
    private final boolean leakReported;
    private AcquisitionStack stack = AcquisitionStack.NOT_CAPTURED;

    LeaseView(LeaseSlot slot, long leaseNumber, long acquiredNanos, long ageNanos, long waitNanos,
              ThreadState holder, String holderName, Object rawStack, boolean leakReported) {
        this.slot = slot;
        this.leaseNumber = leaseNumber;
        this.acquiredNanos = acquiredNanos;
        this.ageNanos = ageNanos;
        this.waitNanos = waitNanos;
        this.holder = holder;
        this.holderName = holderName;
        this.rawStack = rawStack;
        this.leakReported = leakReported;
    }

    LeaseSlot slot() {
        return slot;
    }

    long leaseNumber() {
        return leaseNumber;
    }

    Object rawStack() {
        return rawStack;
    }

    public long acquiredNanos() {
        return acquiredNanos;
    }

    public long ageNanos() {
        return ageNanos;
    }

    public long waitNanos() {
        return waitNanos;
    }

    public String holderName() {
        return holderName;
    }

    public long holderId() {
        return holder == null ? -1 : holder.threadId;
    }

    /** The holder thread if it is still alive (its current stack tells what it does now). */
    public Thread holderThread() {
        Thread thread = holder == null ? null : holder.thread();
        return thread != null && thread.isAlive() ? thread : null;
    }

    /** The trimmed acquisition stack, or {@link AcquisitionStack#NOT_CAPTURED}. */
    public AcquisitionStack stack() {
        return stack;
    }

    void resolveStack(AcquisitionStack resolved) {
        this.stack = resolved;
    }

    public boolean leakReported() {
        return leakReported;
    }
}
