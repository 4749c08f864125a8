package com.example.shop;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** Logs each kind of message at most once per interval and says how many were held back in between. */
final class ThrottledLog {

    private final Logger logger;
    private final long intervalNanos;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    ThrottledLog(Logger logger, Duration interval) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
    }

    /** Messages with the same kind share one allowance. */
    void log(Level level, String kind, String message) {
        long suppressed = windows.computeIfAbsent(kind, k -> new Window()).admit(System.nanoTime());
        if (suppressed < 0) {
            return;
        }
        if (suppressed == 0) {
            logger.atLevel(level).log(message);
        } else {
            logger.atLevel(level).log("{} ({} more like this since the last one)", message, suppressed);
        }
    }

    private final class Window {
        private boolean reported;
        private long lastReportedNanos;
        private long suppressed;

        /** Returns how many were held back since the last report, or -1 if this one is held back too. */
        synchronized long admit(long nowNanos) {
            if (reported && nowNanos - lastReportedNanos < intervalNanos) {
                suppressed++;
                return -1;
            }
            long heldBack = suppressed;
            reported = true;
            lastReportedNanos = nowNanos;
            suppressed = 0;
            return heldBack;
        }
    }
}
