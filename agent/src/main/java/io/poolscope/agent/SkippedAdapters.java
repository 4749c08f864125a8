package io.poolscope.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The adapters left out of a class loader, one line each as logged (without the "poolscope: "
 * prefix), for the Agent MBean's {@code SkippedAdapters}. Bounded: a container with hundreds of
 * class loaders that each carry the same unsupported pool keeps the first lines and counts the rest.
 */
final class SkippedAdapters {

    static final int MAX_LINES = 100;

    private final List<String> lines = new ArrayList<>();
    private final Runnable onAdded;
    private long notKept;

    /** @param onAdded runs after each line is added, on the thread that added it */
    SkippedAdapters(Runnable onAdded) {
        this.onAdded = onAdded;
    }

    void add(String line) {
        synchronized (this) {
            if (lines.size() < MAX_LINES) {
                lines.add(line);
            } else {
                notKept++;
            }
        }
        onAdded.run();
    }

    synchronized String[] lines() {
        List<String> all = new ArrayList<>(lines);
        if (notKept > 0) {
            all.add("... and " + notKept + " more");
        }
        return all.toArray(new String[0]);
    }
}
