package io.poolscope.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing poolscope logs: its level, its kind ({@code event} in the JSON form), the text a person
 * reads, and the fields a log shipper indexes. The text form writes the message only.
 */
public final class LogEvent {

    public final boolean warn;
    public final String type;
    public final String message;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private LogEvent(boolean warn, String type, String message) {
        this.warn = warn;
        this.type = type;
        this.message = message;
    }

    public static LogEvent info(String type, String message) {
        return new LogEvent(false, type, message);
    }

    public static LogEvent warn(String type, String message) {
        return new LogEvent(true, type, message);
    }

    /** Adds a field (a string, number, boolean, null, list or map of those). */
    public LogEvent with(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public String level() {
        return warn ? "WARN" : "INFO";
    }
}
