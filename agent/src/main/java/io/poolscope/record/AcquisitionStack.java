package io.poolscope.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An acquisition stack with the pool's and poolscope's frames trimmed from the top, and the call
 * site that names it: the application's frame that took the connection, past the frameworks in
 * between (see {@link CallSites}). A stack longer than {@code maxStackDepth} keeps the frames
 * nearest the call and the application's, and folds each run of framework frames into one
 * {@link Fold}. Identical stacks are one shared instance.
 */
public final class AcquisitionStack {

    /** A lease whose stack was not taken (stacks=off, or not sampled while the pool was healthy). */
    public static final AcquisitionStack NOT_CAPTURED = new AcquisitionStack(new Object[0], new int[0], 0, 0L,
            "(stack not captured)", null);

    /** A run of frames printed as one line: {@code ... 23 frames of org.springframework, org.hibernate ...}. */
    public static final class Fold {
        private final int frames;
        private final String layers;

        Fold(int frames, String layers) {
            this.frames = frames;
            this.layers = layers;
        }

        public int frames() {
            return frames;
        }

        /** The packages of the folded frames, in stack order, e.g. {@code org.springframework, java}. */
        public String layers() {
            return layers;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Fold && ((Fold) other).frames == frames && ((Fold) other).layers.equals(layers);
        }

        @Override
        public int hashCode() {
            return frames * 31 + layers.hashCode();
        }

        @Override
        public String toString() {
            return "... " + frames + (frames == 1 ? " frame of " : " frames of ") + layers + " ...";
        }
    }

    /** Each a {@link StackTraceElement} or a {@link Fold}, from the call down. */
    private final Object[] lines;
    /** For each frame of {@link #lines}, in order, its index in the trimmed stack. */
    private final int[] keptIndex;
    /** Frames in the trimmed stack, folded ones included. */
    private final int length;
    private final long fingerprint;
    private final String callSite;
    private final String caller;
    private final int omittedFrames;

    AcquisitionStack(Object[] lines, int[] keptIndex, int length, long fingerprint, String callSite, String caller) {
        this.lines = lines;
        this.keptIndex = keptIndex;
        this.length = length;
        this.fingerprint = fingerprint;
        this.callSite = callSite;
        this.caller = caller;
        int omitted = 0;
        for (Object line : lines) {
            if (line instanceof Fold) {
                omitted += ((Fold) line).frames;
            }
        }
        this.omittedFrames = omitted;
    }

    /**
     * The frame that names the lease: the first frame of the application, e.g.
     * {@code com.shop.Checkout.pay(Checkout.java:42)}, or a method entered through its proxy,
     * {@code com.shop.Reports.monthly(on entry, through its proxy)}; the first frame outside the
     * JDK when the stack has no frame of the application.
     */
    public String callSite() {
        return callSite;
    }

    /** The next frame of the application below the call site, or {@code null}. */
    public String caller() {
        return caller;
    }

    /** The frames kept, from the call down, without the folds. */
    public List<StackTraceElement> frames() {
        List<StackTraceElement> frames = new ArrayList<>(keptIndex.length);
        for (Object line : lines) {
            if (line instanceof StackTraceElement) {
                frames.add((StackTraceElement) line);
            }
        }
        return Collections.unmodifiableList(frames);
    }

    /** The stack as printed: each line a {@link StackTraceElement} or a {@link Fold}. */
    public List<Object> lines() {
        return Collections.unmodifiableList(Arrays.asList(lines));
    }

    /** Frames folded (not printed one by one) because the stack is longer than {@code maxStackDepth}. */
    public int omittedFrames() {
        return omittedFrames;
    }

    public boolean isCaptured() {
        return this != NOT_CAPTURED;
    }

    long fingerprint() {
        return fingerprint;
    }

    /** Whether {@code all}, trimmed at {@code first}, is this stack: same length and fingerprint, same frames kept. */
    boolean matches(StackTraceElement[] all, int first, long otherFingerprint) {
        if (otherFingerprint != fingerprint || all.length - first != length) {
            return false;
        }
        int frame = 0;
        for (Object line : lines) {
            if (line instanceof StackTraceElement && !line.equals(all[first + keptIndex[frame++]])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AcquisitionStack)) {
            return false;
        }
        AcquisitionStack that = (AcquisitionStack) other;
        return that.fingerprint == fingerprint && that.length == length && Arrays.equals(lines, that.lines);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }
}
