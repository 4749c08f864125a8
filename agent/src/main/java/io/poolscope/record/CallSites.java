package io.poolscope.record;

import io.poolscope.config.Frames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns raw acquisition traces into trimmed, interned {@link AcquisitionStack}s: identical stacks are
 * stored once, and at most {@code maxCallSites} are kept. Runs off the hot path (scanner, dumps).
 *
 * <p>A trace is looked up by a fingerprint of all its frames below the pool's (a 64-bit hash over
 * the whole length) and confirmed against the frames the stored stack kept; only a stack seen for
 * the first time is classified ({@link FrameClassifier}), named and folded.
 */
public final class CallSites {

    /** Frames of poolscope itself, always trimmed. */
    private static final String OWN_PREFIX = "io.poolscope.";
    private static final String THROUGH_PROXY = "(on entry, through its proxy)";
    /** Packages named in one fold line; more are counted. */
    private static final int FOLD_NAMES = 4;

    private final ConcurrentHashMap<Long, AcquisitionStack> interned = new ConcurrentHashMap<>();
    private final int maxCallSites;
    private final int maxDepth;
    private final FrameClassifier classifier;
    private final LongAdder notStored = new LongAdder();
    /** Stacks classified, named and folded: once per distinct stack stored. */
    final LongAdder built = new LongAdder();

    public CallSites(int maxCallSites, int maxDepth) {
        this(maxCallSites, maxDepth, FrameClassifier.defaults());
    }

    CallSites(int maxCallSites, int maxDepth, FrameClassifier classifier) {
        this.maxCallSites = maxCallSites;
        this.maxDepth = maxDepth;
        this.classifier = classifier;
    }

    /** The trimmed, interned stack of {@code trace}; {@code poolPrefixes} name the pool library's packages. */
    AcquisitionStack intern(Throwable trace, List<String> poolPrefixes) {
        StackTraceElement[] all = trace.getStackTrace();
        int first = firstApplicationFrame(all, poolPrefixes);
        long fingerprint = fingerprint(all, first);
        AcquisitionStack existing = interned.get(fingerprint);
        if (existing != null && existing.matches(all, first, fingerprint)) {
            return existing;
        }
        AcquisitionStack stack = build(all, first, fingerprint);
        if (existing != null || interned.size() >= maxCallSites) {
            notStored.increment(); // full, or another stack has this fingerprint
            return stack;
        }
        existing = interned.putIfAbsent(fingerprint, stack);
        if (existing == null) {
            return stack;
        }
        if (existing.equals(stack)) {
            return existing;
        }
        notStored.increment();
        return stack;
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
        if (className.startsWith(OWN_PREFIX)) {
            return true;
        }
        for (String prefix : poolPrefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The call site in a live thread's current stack (a thread waiting in the pool's acquire): the
     * first frame of the application below poolscope's and the pool library's, as for a lease,
     * or {@code null} if there is none. Classified on every call: for the few waiters a view shows.
     */
    public String liveCallSite(StackTraceElement[] frames, List<String> poolPrefixes) {
        for (StackTraceElement frame : frames) {
            String name = frame.getClassName();
            if (isInternal(name, poolPrefixes)) {
                continue;
            }
            byte kind = classifier.classify(name);
            if (kind == FrameClassifier.APP) {
                return Frames.format(frame);
            }
            String proxied = kind == FrameClassifier.PROXY ? classifier.proxied(name) : null;
            if (proxied != null) {
                return proxied + "." + frame.getMethodName() + THROUGH_PROXY;
            }
        }
        return null;
    }

    private static long fingerprint(StackTraceElement[] all, int first) {
        long hash = all.length - first;
        for (int i = first; i < all.length; i++) {
            hash = (hash ^ all[i].hashCode()) * 0x9E3779B97F4A7C15L;
            hash ^= hash >>> 29;
        }
        return hash;
    }

    /** Classifies, names and folds a stack seen for the first time. */
    private AcquisitionStack build(StackTraceElement[] all, int first, long fingerprint) {
        built.increment();
        int n = all.length - first;
        byte[] kinds = new byte[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = classifier.classify(all[first + i].getClassName());
        }
        int site = -1;
        String callSite = null;
        for (int i = 0; i < n && site < 0; i++) {
            StackTraceElement frame = all[first + i];
            if (kinds[i] == FrameClassifier.APP) {
                site = i;
                callSite = Frames.format(frame);
            } else if (kinds[i] == FrameClassifier.PROXY) {
                String proxied = classifier.proxied(frame.getClassName());
                if (proxied != null) {
                    site = i;
                    callSite = proxied + "." + frame.getMethodName() + THROUGH_PROXY;
                }
            }
        }
        String caller = null;
        if (site >= 0) {
            for (int i = site + 1; i < n; i++) {
                if (kinds[i] == FrameClassifier.APP) {
                    caller = Frames.format(all[first + i]);
                    break;
                }
            }
        } else {
            // no frame of the application: the first frame outside the JDK (and the pool), as before the layers were known
            for (int i = 0; i < n && site < 0; i++) {
                if (kinds[i] != FrameClassifier.JDK) {
                    site = i;
                }
            }
            site = Math.max(site, 0);
            callSite = n > 0 ? Frames.format(all[first + site]) : "(unknown)";
        }
        boolean[] keep = keep(kinds, site);
        return lines(all, first, keep, fingerprint, callSite, caller);
    }

    /**
     * Which frames are printed: all of a stack within {@code maxDepth}; of a longer one, the call
     * site, the application's frames, then as many of the frames nearest the call as the lines
     * left allow, a fold line counting as one.
     */
    private boolean[] keep(byte[] kinds, int site) {
        int n = kinds.length;
        boolean[] keep = new boolean[n];
        if (n <= maxDepth) {
            Arrays.fill(keep, true);
            return keep;
        }
        keep[0] = true;
        int lines = n > 1 ? 2 : 1;
        if (site > 0) {
            lines += added(keep, site);
            keep[site] = true;
        }
        for (int i = 1; i < n; i++) {
            if (!keep[i] && kinds[i] == FrameClassifier.APP) {
                int more = added(keep, i);
                if (lines + more <= maxDepth) {
                    keep[i] = true;
                    lines += more;
                }
            }
        }
        for (int i = 1; i < n; i++) {
            if (!keep[i]) {
                int more = added(keep, i);
                if (lines + more > maxDepth) {
                    break;
                }
                keep[i] = true;
                lines += more;
            }
        }
        for (int i = 1; i < n; i++) {
            if (!keep[i] && added(keep, i) == 0) {
                keep[i] = true; // a fold of one frame: the frame itself takes its line
            }
        }
        return keep;
    }

    /** Lines printed more once frame {@code i} (not kept) is kept: 0 fills a fold of one, 1 shortens a fold, 2 splits one. */
    private static int added(boolean[] keep, int i) {
        boolean above = i == 0 || keep[i - 1];
        boolean below = i == keep.length - 1 || keep[i + 1];
        return above && below ? 0 : above || below ? 1 : 2;
    }

    private AcquisitionStack lines(StackTraceElement[] all, int first, boolean[] keep, long fingerprint, String callSite,
                                   String caller) {
        int n = keep.length;
        List<Object> lines = new ArrayList<>();
        int[] keptIndex = new int[n];
        int kept = 0;
        for (int i = 0; i < n; ) {
            if (keep[i]) {
                lines.add(all[first + i]);
                keptIndex[kept++] = i;
                i++;
                continue;
            }
            int end = i;
            List<String> names = new ArrayList<>();
            while (end < n && !keep[end]) {
                String name = classifier.label(all[first + end].getClassName());
                if (!names.contains(name)) {
                    names.add(name);
                }
                end++;
            }
            lines.add(new AcquisitionStack.Fold(end - i, names(names)));
            i = end;
        }
        return new AcquisitionStack(lines.toArray(), Arrays.copyOf(keptIndex, kept), n, fingerprint, callSite, caller);
    }

    private static String names(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(names.size(), FOLD_NAMES); i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i));
        }
        if (names.size() > FOLD_NAMES) {
            text.append(", +").append(names.size() - FOLD_NAMES).append(" more");
        }
        return text.toString();
    }

    public int size() {
        return interned.size();
    }

    /** Stacks that were not stored because {@code maxCallSites} was reached. */
    public long notStored() {
        return notStored.sum();
    }
}
