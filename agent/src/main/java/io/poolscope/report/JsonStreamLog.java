package io.poolscope.report;

import java.io.PrintStream;

/** {@code logFormat=json} on standard error or standard output: one JSON object per line. */
public final class JsonStreamLog implements Log {

    private final PrintStream out;
    private final long pid;

    public JsonStreamLog(PrintStream out, long pid) {
        this.out = out;
        this.pid = pid;
    }

    @Override
    public void info(String message) {
        event(LogEvent.info("message", message));
    }

    @Override
    public void warn(String message) {
        event(LogEvent.warn("message", message));
    }

    @Override
    public void event(LogEvent event) {
        String line = LogLines.json(System.currentTimeMillis(), pid, event);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
