package io.poolscope.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** poolscope's log file as evidence: appended to, one per process when asked, bounded, owner-only. */
class LogFileIT {

    @TempDir
    Path dir;

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void twoJvmsInARowKeepBothLogs() throws Exception {
        Path log = dir.resolve("poolscope.log");
        long[] pids = new long[2];
        for (int i = 0; i < 2; i++) {
            try (ForkedJvm jvm = ForkedJvm.builder().agent("logFile=" + log).args("plain").start()) {
                assertEquals(0, jvm.awaitExit(), jvm.stderr());
                pids[i] = jvm.pid();
            }
        }
        String text = read(log);
        List<String> starts = ForkedJvm.lines(text, l -> l.contains(" INFO poolscope - poolscope ") && l.contains(" started: pid "));
        assertEquals(2, starts.size(), text);
        assertTrue(starts.get(0).contains("started: pid " + pids[0] + ", at "), starts.get(0));
        assertTrue(starts.get(1).contains("started: pid " + pids[1] + ", at "), starts.get(1));
        assertTrue(starts.get(0).contains("options {leakThreshold=30s, logFile=" + log + ", maxLogSize=50MB, maxLogFiles=5,"),
                starts.get(0));
        assertTrue(text.startsWith(text.substring(0, 24)) && text.split("\n")[0].contains("started: pid " + pids[0]),
                "the start line comes before anything else: " + text);
        assertEquals(2, ForkedJvm.lines(text, l -> l.contains("pool 'it-pool' (HikariCP) seen")).size(), text);
        assertTrue(text.indexOf("started: pid " + pids[1]) > text.indexOf("pool 'it-pool' (HikariCP) seen"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }

    @Test
    void percentPGivesOneFilePerProcess() throws Exception {
        long[] pids = new long[2];
        for (int i = 0; i < 2; i++) {
            try (ForkedJvm jvm = ForkedJvm.builder().agent("logFile=" + dir.resolve("poolscope-%p.log")).args("plain").start()) {
                assertEquals(0, jvm.awaitExit(), jvm.stderr());
                pids[i] = jvm.pid();
            }
        }
        assertEquals(List.of("poolscope-" + pids[0] + ".log", "poolscope-" + pids[1] + ".log").stream().sorted()
                .collect(Collectors.toList()), names(dir));
        for (long pid : pids) {
            Path file = dir.resolve("poolscope-" + pid + ".log");
            String text = read(file);
            assertTrue(text.split("\n")[0].contains("started: pid " + pid), text);
            assertTrue(text.contains("pool 'it-pool' (HikariCP) seen"), text);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void rotationKeepsMaxLogFilesAndEveryDumpWhole() throws Exception {
        Path log = dir.resolve("poolscope.log");
        try (ForkedJvm jvm = ForkedJvm.builder()
                .agent("logFile=" + log + ",dumpInterval=100ms,stacks=off,maxLogSize=8KB,maxLogFiles=3").args("serve").start()) {
            jvm.awaitReady();
            // three rotations at least: the first file has been dropped
            ForkedJvm.awaitText("a third rotation", () -> read(dir.resolve("poolscope.log.2")),
                    text -> ForkedJvm.lines(text, l -> l.contains("- periodic (dumpInterval) -")).size() >= 1
                            && !text.contains("started: pid"), Duration.ofSeconds(60));
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
        }
        assertEquals(List.of("poolscope.log", "poolscope.log.1", "poolscope.log.2"), names(dir));
        for (String name : names(dir)) {
            Path part = dir.resolve(name);
            String text = read(part);
            int starts = ForkedJvm.lines(text, l -> l.contains(" poolscope - ==== poolscope dump: ")).size();
            int ends = ForkedJvm.lines(text, l -> l.startsWith("==== end of poolscope dump: ")).size();
            assertTrue(starts >= 1, name + ":\n" + text);
            assertEquals(starts, ends, "every dump whole in " + name + ":\n" + text);
            List<String> lines = Files.readAllLines(part);
            assertTrue(lines.get(0).contains(" INFO poolscope - poolscope: log rotated at 8KB; the previous part is poolscope.log.1, 3 files kept"),
                    name + " starts with " + lines.get(0));
            assertEquals(1, ForkedJvm.lines(text, l -> l.contains("log rotated")).size(), text);
            assertTrue(Files.size(part) < 8192 + 8192, name + " is " + Files.size(part) + " bytes");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(part)));
        }
    }

    @Test
    void aMissingDirectoryFallsBackToStandardErrorWithOneLine() throws Exception {
        Path log = dir.resolve("no-such-dir").resolve("poolscope.log");
        try (ForkedJvm jvm = ForkedJvm.builder().agent("logFile=" + log).args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("done"), jvm.stdout());
            String err = jvm.stderr();
            assertEquals(1, ForkedJvm.lines(err, l -> l.contains("poolscope: cannot write the log file " + log)
                    && l.contains("writing to standard error instead")).size(), err);
            assertTrue(err.contains("pool 'it-pool' (HikariCP) seen"), "the log goes on on standard error: " + err);
        }
        assertFalse(Files.exists(log.getParent()));
    }

    @Test
    void aPathThatIsADirectoryFallsBackToStandardErrorWithOneLine() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("logFile=" + dir).args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("done"), jvm.stdout());
            String err = jvm.stderr();
            assertEquals(1, ForkedJvm.lines(err, l -> l.contains("poolscope: cannot write the log file " + dir)
                    && l.contains("writing to standard error instead")).size(), err);
            assertTrue(err.contains(" started: pid " + jvm.pid()), err);
        }
        assertEquals(List.of(), names(dir));
    }

    /** Skipped as root, who may write any file. */
    @Test
    void anUnwritableFileFallsBackToStandardErrorWithOneLine() throws Exception {
        Path log = dir.resolve("poolscope.log");
        Files.createFile(log);
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("r--r--r--"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(log), "running as a user who can write any file");
        try (ForkedJvm jvm = ForkedJvm.builder().agent("logFile=" + log).args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("done"), jvm.stdout());
            String err = jvm.stderr();
            assertEquals(1, ForkedJvm.lines(err, l -> l.contains("poolscope: cannot write the log file " + log)).size(), err);
        }
        assertEquals(0, Files.size(log));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }
}
