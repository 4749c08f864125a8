package io.poolscope.report;

import java.util.function.Supplier;

/** Opens the real log on first use, so setting it up costs nothing at start-up if nothing is written then. */
public final class LazyLog implements Log {

    private final Supplier<Log> opener;
    private volatile Log log;

    public LazyLog(Supplier<Log> opener) {
        this.opener = opener;
    }

    private Log log() {
        Log current = log;
        if (current == null) {
            synchronized (this) {
                current = log;
                if (current == null) {
                    current = opener.get();
                    log = current;
                }
            }
        }
        return current;
    }

    @Override
    public void info(String message) {
        log().info(message);
    }

    @Override
    public void warn(String message) {
        log().warn(message);
    }

    @Override
    public void event(LogEvent event) {
        log().event(event);
    }
}
