package io.poolscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFileTest {

    @TempDir
    Path dir;

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    @Test
    void linesLookAsSlf4jSimpleWroteThemAndStartWithTheStartLine() throws Exception {
        Path file = dir.resolve("p.log");
        Log log = LogFile.open(file.toString(), 0, 5, "poolscope dev started: pid 1");
        log.warn("a warning");
        log.info("two\nlines");

        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO poolscope - poolscope dev started: pid 1"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" WARN poolscope - a warning"), lines.get(1));
        assertTrue(lines.get(2).endsWith(" INFO poolscope - two"), lines.get(2));
        assertEquals("lines", lines.get(3));
    }

    @Test
    void anExistingFileIsAppendedToNeverTruncated() throws Exception {
        Path file = dir.resolve("p.log");
        LogFile.open(file.toString(), 0, 5, "first process").info("from the first");
        LogFile.open(file.toString(), 0, 5, "second process").info("from the second");

        String text = read(file);
        assertTrue(text.contains("first process"), text);
        assertTrue(text.contains("from the first"), text);
        assertTrue(text.indexOf("second process") > text.indexOf("from the first"), text);
        assertTrue(text.contains("from the second"), text);
    }

    @Test
    void aCreatedFileIsOwnerOnly() throws Exception {
        Path file = dir.resolve("p.log");
        LogFile.open(file.toString(), 0, 5, "start");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anExistingFileKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("p.log");
        Files.createFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        LogFile.open(file.toString(), 0, 5, "start").info("more");

        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(read(file).contains("more"));
    }

    @Test
    void rotationKeepsMaxFilesAndNeverSplitsAMessage() throws Exception {
        Path file = dir.resolve("p.log");
        Log log = LogFile.open(file.toString(), 1000, 3, "start");
        String dump = "==== dump ====\n" + "x".repeat(300) + "\n==== end of dump ====";
        for (int i = 0; i < 40; i++) {
            log.info(dump);
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("p.log", "p.log.1", "p.log.2"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        for (String name : new String[]{"p.log", "p.log.1", "p.log.2"}) {
            Path part = dir.resolve(name);
            String text = read(part);
            assertTrue(Files.size(part) <= 1000, name + " is " + Files.size(part) + " bytes");
            assertEquals(count(text, "==== dump ===="), count(text, "==== end of dump ===="), text);
            assertTrue(count(text, "==== dump ====") >= 1, text);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(part)));
            List<String> lines = Files.readAllLines(part);
            assertTrue(lines.get(0).contains("poolscope: log rotated at 1000B; the previous part is p.log.1, 3 files kept"),
                    name + " starts with " + lines.get(0));
            assertEquals(1, count(text, "log rotated"), text);
        }
    }

    @Test
    void oneFileOnlyStartsAgainAtTheSize() throws Exception {
        Path file = dir.resolve("p.log");
        Log log = LogFile.open(file.toString(), 200, 1, "start");
        for (int i = 0; i < 10; i++) {
            log.info("message " + i + " " + "y".repeat(60));
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertTrue(read(file).contains("message 9"));
        assertTrue(Files.size(file) <= 200 + 200, "at most the size, the rotation line and one message: " + Files.size(file));
    }

    @Test
    void aMissingDirectoryFallsBackToStandardErrorWithOneLine() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String text;
        try {
            System.setErr(new PrintStream(captured, true, "UTF-8"));
            Log log = LogFile.open(dir.resolve("missing/p.log").toString(), 0, 5, "the start line");
            log.warn("still told");
            text = captured.toString("UTF-8");
        } finally {
            System.setErr(original);
        }
        // slf4j-simple may have bound System.err once, in which case its lines went to the original stream
        assertFalse(Files.exists(dir.resolve("missing")));
        if (!text.isEmpty()) {
            assertEquals(1, count(text, "cannot write the log file"), text);
            assertTrue(text.contains("writing to standard error instead"), text);
        }
    }

    @Test
    void percentPAndTAreFilledIn() {
        long start = java.time.LocalDateTime.of(2026, 12, 1, 10, 19, 23)
                .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

        assertEquals("/var/log/poolscope-4242.log", LogFile.expand("/var/log/poolscope-%p.log", 4242, start));
        assertEquals("poolscope-2026-12-01_10-19-23-7.log", LogFile.expand("poolscope-%t-%p.log", 7, start));
        assertEquals("a%b%x.log", LogFile.expand("a%%b%x.log", 7, start));
        assertEquals("plain.log", LogFile.expand("plain.log", 7, start));
        assertEquals("end%", LogFile.expand("end%", 7, start));
    }

    @Test
    void jsonFormIsOneParsableObjectPerLineWithTheCommonFields() throws Exception {
        Path file = dir.resolve("p.log");
        Log log = LogFile.open(file.toString(), 600, 20, true, 4242,
                LogEvent.info("start", "poolscope dev started").with("version", "dev"));
        log.warn("a warning\nwith \"two\" lines \u0001 \uD800");
        log.event(LogEvent.warn("suspected_leak", "suspected leak").with("pool", "p").with("heldMillis", 1.5));
        for (int i = 0; i < 10; i++) {
            log.info("filler " + i + " " + "z".repeat(80));
        }

        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> nodes = new java.util.ArrayList<>();
        int parts;
        try (Stream<Path> files = Files.list(dir)) {
            parts = (int) files.count();
        }
        assertTrue(parts > 2 && parts < 20, "parts: " + parts);
        for (int n = parts - 1; n >= 0; n--) {
            for (String line : Files.readAllLines(dir.resolve(n == 0 ? "p.log" : "p.log." + n))) {
                com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(line);
                for (String field : new String[]{"time", "level", "logger", "pid", "event", "message"}) {
                    assertTrue(node.has(field), field + " in " + line);
                }
                assertTrue(node.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line);
                assertEquals(4242, node.get("pid").asLong());
                assertEquals("poolscope", node.get("logger").asText());
                nodes.add(node);
            }
        }
        assertEquals("start", nodes.get(0).get("event").asText());
        assertEquals("dev", nodes.get(0).get("version").asText());
        assertEquals("a warning\nwith \"two\" lines \u0001 \uD800", nodes.get(1).get("message").asText());
        assertEquals("message", nodes.get(1).get("event").asText());
        assertEquals("WARN", nodes.get(1).get("level").asText());
        assertEquals("suspected_leak", nodes.get(2).get("event").asText());
        assertEquals(1.5, nodes.get(2).get("heldMillis").asDouble());
        assertTrue(nodes.stream().anyMatch(n -> n.get("event").asText().equals("log_rotated")
                && n.get("previous").asText().equals("p.log.1") && n.get("maxLogFiles").asInt() == 20));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
