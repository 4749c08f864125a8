package io.poolscope.report;

import io.poolscope.config.Formats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The two forms of a log line: text as slf4j-simple writes it, or one JSON object. */
final class LogLines {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LogLines() {
    }

    /** {@code 2026-12-01 10:19:23.538 WARN poolscope - message}, in the JVM's time zone. */
    static String text(long millis, LogEvent event) {
        return Formats.timestamp(millis) + " " + event.level() + " poolscope - " + event.message;
    }

    /**
     * {@code {"time":"2026-12-01T10:19:23.538Z","level":"WARN","logger":"poolscope","pid":4242,"event":"dump","message":"...",...}}:
     * the common fields first, then the event's own.
     */
    static String json(long millis, long pid, LogEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", UTC_MILLIS.format(Instant.ofEpochMilli(millis)));
        line.put("level", event.level());
        line.put("logger", "poolscope");
        line.put("pid", pid);
        line.put("event", event.type);
        line.put("message", event.message);
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
            line.putIfAbsent(field.getKey(), field.getValue());
        }
        return Json.object(line);
    }
}
