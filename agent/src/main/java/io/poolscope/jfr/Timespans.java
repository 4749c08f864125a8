package io.poolscope.jfr;

/** Durations as JFR writes them in settings: {@code "10 ms"}, {@code "1 s"}, {@code "0 ns"}, {@code "infinity"}. */
final class Timespans {

    private Timespans() {
    }

    /** Nanoseconds, {@link Long#MAX_VALUE} for {@code infinity}, or -1 if {@code text} is no duration. */
    static long nanos(String text) {
        if (text == null) {
            return -1;
        }
        String trimmed = text.trim();
        if (trimmed.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        int digits = 0;
        while (digits < trimmed.length() && Character.isDigit(trimmed.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 18) {
            return -1;
        }
        long amount = Long.parseLong(trimmed.substring(0, digits));
        switch (trimmed.substring(digits).trim()) {
            case "ns": return amount;
            case "us": return amount * 1_000L;
            case "ms": return amount * 1_000_000L;
            case "s": return saturated(amount, 1_000_000_000L);
            case "m": return saturated(amount, 60_000_000_000L);
            case "h": return saturated(amount, 3_600_000_000_000L);
            case "d": return saturated(amount, 86_400_000_000_000L);
            default: return -1;
        }
    }

    private static long saturated(long amount, long unitNanos) {
        return amount > Long.MAX_VALUE / unitNanos ? Long.MAX_VALUE : amount * unitNanos;
    }
}
