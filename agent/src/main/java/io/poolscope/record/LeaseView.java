package io.poolscope.record;

/** A consistent copy of one live lease, for the scanner, dumps and JMX. */
public final class LeaseView {

    private final LeaseSlot slot;
    private final long leaseNumber;
    private final long acquiredNanos;
    private final long ageNanos;
    private final long waitNanos;
    private final long holderId;
    private final String holderName;
    private final Thread holder;
    private final Object rawStack;
    private final boolean leakReported;
    private AcquisitionStack stack = AcquisitionStack.NOT_CAPTURED;

    LeaseView(LeaseSlot slot, long leaseNumber, long acquiredNanos, long ageNanos, long waitNanos,
              long holderId, String holderName, Thread holder, Object rawStack, boolean leakReported) {
        this.slot = slot;
        this.leaseNumber = leaseNumber;
        this.acquiredNanos = acquiredNanos;
        this.ageNanos = ageNanos;
        this.waitNanos = waitNanos;
        this.holderId = holderId;
        this.holderName = holderName;
        this.holder = holder;
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
        return holderId;
    }

    /** The holder thread if it is still alive (its current stack tells what it does now). */
    public Thread holderThread() {
        return holder != null && holder.isAlive() ? holder : null;
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
