package io.poolscope.agent;

import io.poolscope.report.Log;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Decides, once per class loader, whether the generic fallback's advice goes into its classes: only
 * where the class loader links {@code io.poolscope.bridge.Bridge} to the agent's bridge (see
 * {@link AdapterGate#bridgeProblem}); elsewhere one line says why and nothing is transformed.
 */
final class GenericGate {

    private final SkippedAdapters skipped;
    private final Log log;
    private final Map<ClassLoader, Boolean> decisions = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile boolean bootDecided;
    private volatile boolean bootAdmitted;

    GenericGate(SkippedAdapters skipped, Log log) {
        this.skipped = skipped;
        this.log = log;
    }

    boolean admits(ClassLoader loader) {
        if (loader == null) {
            if (!bootDecided) {
                bootAdmitted = decide(null);
                bootDecided = true;
            }
            return bootAdmitted;
        }
        Boolean known = decisions.get(loader);
        if (known != null) {
            return known;
        }
        boolean admitted = decide(loader);
        synchronized (decisions) {
            known = decisions.get(loader);
            if (known != null) {
                return known;
            }
            decisions.put(loader, admitted);
        }
        if (!admitted) {
            String line = "generic fallback in " + AdapterGate.describe(loader) + " not instrumented: "
                    + AdapterGate.bridgeProblem(loader);
            log.warn("poolscope: " + line);
            skipped.add(line);
        }
        return admitted;
    }

    private static boolean decide(ClassLoader loader) {
        try {
            return AdapterGate.bridgeProblem(loader) == null;
        } catch (Throwable error) {
            return false;
        }
    }
}
