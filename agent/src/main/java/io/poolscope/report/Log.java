package io.poolscope.report;

/** Where poolscope writes: its own log, never the application's. */
public interface Log {

    void info(String message);

    void warn(String message);

    /** An event with fields; a text log writes its message only. */
    default void event(LogEvent event) {
        if (event.warn) {
            warn(event.message);
        } else {
            info(event.message);
        }
    }
}
