package io.poolscope.report;

/** Where poolscope writes: its own log, never the application's. */
public interface Log {

    void info(String message);

    void warn(String message);
}
