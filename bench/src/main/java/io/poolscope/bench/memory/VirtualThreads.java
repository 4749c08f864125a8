package io.poolscope.bench.memory;

import java.lang.reflect.Method;

/**
 * Virtual threads (JDK 21+) through reflection: the benchmarks compile for Java 11, where
 * {@code Thread.ofVirtual()} does not exist.
 */
final class VirtualThreads {

    private static final Object BUILDER;
    private static final Method UNSTARTED;

    static {
        Object builder = null;
        Method unstarted = null;
        try {
            builder = Thread.class.getMethod("ofVirtual").invoke(null);
            unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            builder = null; // JDK 20 and older (or preview-only): none
            unstarted = null;
        }
        BUILDER = builder;
        UNSTARTED = unstarted;
    }

    private VirtualThreads() {
    }

    static boolean available() {
        return UNSTARTED != null;
    }

    /** An unnamed virtual thread that runs {@code task} once started, as an executor's would be. */
    static Thread unstarted(Runnable task) {
        try {
            return (Thread) UNSTARTED.invoke(BUILDER, task);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual thread", e);
        }
    }
}
