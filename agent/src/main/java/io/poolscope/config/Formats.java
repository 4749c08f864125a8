package io.poolscope.config;

import java.util.concurrent.TimeUnit;

/** Formatting shared by everything that shows durations to a person. */
public final class Formats {

    private Formats() {
    }

    /** A duration in nanoseconds as a short human text: 850ns, 12.3us, 4.5ms, 2.31s, 3m12s, 1h04m. */
    public static String duration(long nanos) {
        if (nanos < 0) {
            return "-" + duration(-nanos);
        }
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return oneDecimal(nanos / 1_000.0) + "us";
        }
        if (nanos < 1_000_000_000L) {
            return oneDecimal(nanos / 1_000_000.0) + "ms";
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        if (seconds < 60) {
            return String.format(java.util.Locale.ROOT, "%.2fs", nanos / 1e9);
        }
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** A duration as an option value that parses back: the largest whole unit, e.g. 2s, 1m, 1500ms, 0. */
    public static String wholeDuration(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        TimeUnit[] sizes = {TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS, TimeUnit.MILLISECONDS,
            TimeUnit.MICROSECONDS, TimeUnit.NANOSECONDS};
        for (int i = 0; i < units.length; i++) {
            long unit = sizes[i].toNanos(1);
            if (nanos % unit == 0) {
                return nanos / unit + units[i];
            }
        }
        return nanos + "ns";
    }

    /** A size in bytes as an option value that parses back: the largest whole unit, e.g. 50MB, 10KB, 1500B, 0. */
    public static String size(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        String[] units = {"GB", "MB", "KB"};
        long[] sizes = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes % sizes[i] == 0) {
                return bytes / sizes[i] + units[i];
            }
        }
        return bytes + "B";
    }

    private static String oneDecimal(double value) {
        return value >= 100 ? String.valueOf(Math.round(value)) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }


    /** A wall-clock time as {@code yyyy-MM-dd HH:mm:ss.SSS} in the JVM's time zone. */
    public static String timestamp(long millis) {
        return new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS", java.util.Locale.ROOT)
                .format(new java.util.Date(millis));
    }
}
