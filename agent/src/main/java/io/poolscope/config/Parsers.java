package io.poolscope.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Value parsers shared by the option table. Each throws {@link IllegalArgumentException} with a reason. */
final class Parsers {

    private Parsers() {
    }

    /** "500ms", "2s", "1m", "1h", "250us", or a bare number of milliseconds; returns nanoseconds. */
    static Long durationNanos(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        String[] units = {"ns", "us", "ms", "s", "m", "h"};
        TimeUnit[] timeUnits = {TimeUnit.NANOSECONDS, TimeUnit.MICROSECONDS, TimeUnit.MILLISECONDS,
                TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS};
        TimeUnit unit = TimeUnit.MILLISECONDS;
        String number = value;
        for (int i = 0; i < units.length; i++) {
            if (value.endsWith(units[i]) && isNumber(value.substring(0, value.length() - units[i].length()))) {
                unit = timeUnits[i];
                number = value.substring(0, value.length() - units[i].length());
                break;
            }
        }
        if (!isNumber(number)) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 2s, 1m or 0");
        }
        return unit.toNanos(Long.parseLong(number));
    }

    /** "10KB", "50MB", "1GB" (units of 1024), "512B" or a bare number of bytes; 0 allowed. */
    static Long sizeBytes(String text) {
        String value = text.toUpperCase(Locale.ROOT);
        String[] units = {"KB", "MB", "GB", "K", "M", "G", "B"};
        long[] sizes = {1L << 10, 1L << 20, 1L << 30, 1L << 10, 1L << 20, 1L << 30, 1L};
        long unit = 1;
        String number = value;
        for (int i = 0; i < units.length; i++) {
            if (value.endsWith(units[i])) {
                unit = sizes[i];
                number = value.substring(0, value.length() - units[i].length()).trim();
                break;
            }
        }
        if (!isNumber(number) || Long.parseLong(number) > Long.MAX_VALUE / unit) {
            throw new IllegalArgumentException("expected a size such as 10KB, 50MB, 1GB or a number of bytes");
        }
        return Long.parseLong(number) * unit;
    }

    static Integer positiveInt(String text) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
        if (value < 1) {
            throw new IllegalArgumentException("expected a number of at least 1");
        }
        return value;
    }

    static Integer powerOfTwo(String text) {
        int value = positiveInt(text);
        if (Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException("expected a power of two (1, 2, 4, 8, 16, ...)");
        }
        return value;
    }

    static String logFormat(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (!value.equals("text") && !value.equals("json")) {
            throw new IllegalArgumentException("expected text or json");
        }
        return value;
    }

    static Boolean onOff(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("on") || value.equals("true")) {
            return Boolean.TRUE;
        }
        if (value.equals("off") || value.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected on or off");
    }

    static String nonEmpty(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("expected a value");
        }
        return text;
    }

    /** The word meaning "no packages" in the list options. */
    static final String NONE = "none";

    /** "com.acme,org.shop" (or "none"): package prefixes, each returned with a trailing dot. */
    static List<String> packages(String text) {
        List<String> packages = new ArrayList<>();
        if (text.equalsIgnoreCase(NONE)) {
            return Collections.emptyList();
        }
        for (String item : text.split(",")) {
            String name = item.trim();
            if (name.isEmpty()) {
                continue;
            }
            packages.add(packageName(name));
        }
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("expected package names such as com.acme,org.shop, or none");
        }
        return Collections.unmodifiableList(packages);
    }

    /**
     * "+com.corp.dao,-org.jooq" (or "none"): packages added to the framework layers (+) or built-in
     * prefixes taken out of them (-); returned as "+com.corp.dao." and "-org.jooq.".
     */
    static List<String> packageEdits(String text) {
        List<String> edits = new ArrayList<>();
        if (text.equalsIgnoreCase(NONE)) {
            return Collections.emptyList();
        }
        for (String item : text.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            char sign = entry.charAt(0);
            if (sign != '+' && sign != '-') {
                throw new IllegalArgumentException("expected +package to add a framework package, or -package to take one"
                        + " of the built-in table out, e.g. +com.corp.dao");
            }
            String name = packageName(entry.substring(1).trim());
            if (sign == '-' && !FrameLayers.removablePrefixes().contains(name)) {
                throw new IllegalArgumentException(name.substring(0, name.length() - 1)
                        + " is not a framework package of the built-in table (see help)");
            }
            edits.add(sign + name);
        }
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("expected +package or -package entries, or none");
        }
        return Collections.unmodifiableList(edits);
    }

    /** A list of packages as the option is written, without the trailing dots. */
    static String printPackages(List<String> packages) {
        if (packages.isEmpty()) {
            return NONE;
        }
        StringBuilder text = new StringBuilder();
        for (String name : packages) {
            text.append(text.length() == 0 ? "" : ",").append(name, 0, name.length() - 1);
        }
        return text.toString();
    }

    /** "com.acme" or "com.acme." or "com.acme.*" becomes "com.acme."; anything but a dotted Java name is refused. */
    private static String packageName(String text) {
        String name = text.endsWith(".*") ? text.substring(0, text.length() - 2)
                : text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        boolean start = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (start) {
                    name = "";
                    break;
                }
                start = true;
            } else if (start ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
                start = false;
            } else {
                name = "";
                break;
            }
        }
        if (name.isEmpty() || start) {
            throw new IllegalArgumentException("'" + text + "' is not a package name");
        }
        return name + ".";
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 15) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
