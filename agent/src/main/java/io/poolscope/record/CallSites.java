package io.poolscope.record;

import io.poolscope.config.Frames;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns raw acquisition traces into trimmed, interned {@link AcquisitionStack}s: identical stacks are
 * stored once, and at most {@code maxCallSites} are kept. Runs off the hot path (scanner, dumps).
 */
public final class CallSites {

    /** Frames of poolscope itself, always trimmed. */
    private static final String OWN_PREFIX = "io.poolscope.";
    /** Frames that are plumbing between the application and the pool: kept in the stack, skipped when naming the call site. */
    private static final List<String> PLUMBING_PREFIXES = Arrays.asList(
        "java.", "javax.", "jdk.", "sun.", "com.sun.proxy.", "org.springframework.", "org.hibernate.",
        "org.apache.ibatis.", "org.mybatis.", "org.jooq.", "org.jdbi.", "io.micrometer.", "net.ttddyy.");

    private final ConcurrentHashMap<AcquisitionStack, AcquisitionStack> interned = new ConcurrentHashMap<>();
    private final int maxCallSites;
    private final int maxDepth;
    private final LongAdder notStored = new LongAdder();

    public CallSites(int maxCallSites, int maxDepth) {
        this.maxCallSites = maxCallSites;
        this.maxDepth = maxDepth;
    }

    /** The trimmed, interned stack of {@code trace}; {@code poolPrefixes} name the pool library's packages. */
    AcquisitionStack intern(Throwable trace, List<String> poolPrefixes) {
        StackTraceElement[] all = trace.getStackTrace();
        int first = firstApplicationFrame(all, poolPrefixes);
        int kept = Math.min(all.length - first, maxDepth);
        StackTraceElement[] frames = Arrays.copyOfRange(all, first, first + kept);
        AcquisitionStack stack = new AcquisitionStack(frames, callSite(frames), all.length - first - kept);
        AcquisitionStack existing = interned.get(stack);
        if (existing != null) {
            return existing;
        }
        if (interned.size() >= maxCallSites) {
            notStored.increment();
            return stack;
        }
        existing = interned.putIfAbsent(stack, stack);
        return existing == null ? stack : existing;
    }

    /** Index of the first frame, from the top, that is neither poolscope's nor the pool library's. */
    private static int firstApplicationFrame(StackTraceElement[] frames, List<String> poolPrefixes) {
        int i = 0;
        while (i < frames.length && isInternal(frames[i].getClassName(), poolPrefixes)) {
            i++;
        }
        return i < frames.length ? i : 0;
    }

    private static boolean isInternal(String className, List<String> poolPrefixes) {
        return className.startsWith(OWN_PREFIX) || startsWithAny(className, poolPrefixes);
    }

    private static String callSite(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            if (!startsWithAny(frame.getClassName(), PLUMBING_PREFIXES)) {
                return Frames.format(frame);
            }
        }
        return frames.length > 0 ? Frames.format(frames[0]) : "(unknown)";
    }

    /**
     * The call site in a live thread's current stack (a thread waiting in the pool's acquire): the
     * first frame, from the top, that is not the JDK's, poolscope's, the pool library's or plumbing;
     * {@code null} if there is none.
     */
    public static String liveCallSite(StackTraceElement[] frames, List<String> poolPrefixes) {
        for (StackTraceElement frame : frames) {
            String name = frame.getClassName();
            if (!isInternal(name, poolPrefixes) && !startsWithAny(name, PLUMBING_PREFIXES)) {
                return Frames.format(frame);
            }
        }
        return null;
    }

    private static boolean startsWithAny(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return interned.size();
    }

    /** Stacks that were not stored because {@code maxCallSites} was reached. */
    public long notStored() {
        return notStored.sum();
    }
}
