package io.poolscope.record;

import java.util.Arrays;
import java.util.List;
import java.util.Collections;

/**
 * An acquisition stack with the pool's and poolscope's frames trimmed, so the first frame is the
 * application's call. Identical stacks are one shared instance (see {@link CallSites}).
 */
public final class AcquisitionStack {

    /** A lease whose stack was not taken (stacks=off, or not sampled while the pool was healthy). */
    public static final AcquisitionStack NOT_CAPTURED =
            new AcquisitionStack(new StackTraceElement[0], "(stack not captured)", 0);

    private final StackTraceElement[] frames;
    private final String callSite;
    private final int omittedFrames;
    private final int hash;

    AcquisitionStack(StackTraceElement[] frames, String callSite, int omittedFrames) {
        this.frames = frames;
        this.callSite = callSite;
        this.omittedFrames = omittedFrames;
        this.hash = Arrays.hashCode(frames);
    }

    /** The application's frame that took the connection, e.g. {@code com.shop.Checkout.pay(Checkout.java:42)}. */
    public String callSite() {
        return callSite;
    }

    public List<StackTraceElement> frames() {
        return Collections.unmodifiableList(Arrays.asList(frames));
    }

    /** Frames cut off by {@code maxStackDepth}. */
    public int omittedFrames() {
        return omittedFrames;
    }

    public boolean isCaptured() {
        return this != NOT_CAPTURED;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AcquisitionStack && Arrays.equals(frames, ((AcquisitionStack) other).frames);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
