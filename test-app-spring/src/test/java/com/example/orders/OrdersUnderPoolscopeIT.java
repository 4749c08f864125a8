package com.example.orders;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The order service on Spring Boot, Spring Data JPA and Hibernate, run in its own JVM under the
 * built agent until its pool runs dry: the first dump must name the application's service methods,
 * not the Hibernate and Spring frames every acquisition goes through.
 */
class OrdersUnderPoolscopeIT {

    private static final Path AGENT_JAR = Paths.get(System.getProperty("poolscope.agentJar", "../agent/target/poolscope-agent.jar"));
    private static final Path APP_JAR = Paths.get(System.getProperty("orders.appJar", "target/poolscope-test-app-spring.jar"));
    /** Spring Boot starts in seconds, but on a loaded machine in more than a minute. */
    private static final long DEADLINE_SECONDS = 300;

    private static final String EXPORT = "com.example.orders.ExportService.exportOrders(ExportService.java:";
    private static final String REPORT = "com.example.orders.ReportService.monthlyReport(on entry, through its proxy)";

    @Test
    void theFirstExhaustionDumpNamesTheServiceMethodsNotHibernateOrSpring() throws Exception {
        assertTrue(Files.isRegularFile(AGENT_JAR), "no agent jar at " + AGENT_JAR.toAbsolutePath() + ": build it first (make build)");
        assertTrue(Files.isRegularFile(APP_JAR), "no application jar at " + APP_JAR.toAbsolutePath());
        Path dir = Files.createDirectories(Paths.get("target", "it"));
        Path log = dir.resolve("poolscope.log");
        Files.deleteIfExists(log);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java,
                "-javaagent:" + AGENT_JAR.toAbsolutePath() + "=leakThreshold=2s,stacks=full,logFile=" + log.toAbsolutePath(),
                "-jar", APP_JAR.toAbsolutePath().toString(), "--scenario=leak", "--seconds=" + DEADLINE_SECONDS)
                .redirectOutput(dir.resolve("app.out").toFile())
                .redirectError(dir.resolve("app.err").toFile())
                .start();
        String dump;
        try {
            dump = firstExhaustionDump(log, process);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        List<String> lines = List.of(dump.split("\n"));
        String verdict = lines.stream().filter(line -> line.startsWith("verdict: ")).findFirst().orElseThrow();
        assertTrue(verdict.startsWith("verdict: POOL EXHAUSTED"), verdict);
        assertTrue(verdict.contains(EXPORT) || verdict.contains(REPORT), "the verdict names a service method: " + verdict);
        assertFalse(verdict.contains("org.hibernate") || verdict.contains("org.springframework"), verdict);

        List<String> callSites = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("      acquired at ")) {
                callSites.add(line.substring("      acquired at ".length()));
            }
        }
        assertTrue(callSites.stream().anyMatch(site -> site.startsWith(EXPORT)), "the leaking method is a group: " + dump);
        assertTrue(callSites.contains(REPORT), "the method holding its transaction open is a group: " + dump);
        for (String site : callSites) {
            assertTrue(site.startsWith("com.example.orders."), "every group is named by the application: " + site + "\n" + dump);
        }
        assertTrue(dump.contains("      called from com.example.orders.Clerks.runReport(Clerks.java:"), dump);
        assertTrue(dump.contains("        at org.hibernate.engine.jdbc.connections.internal.DataSourceConnectionProvider.getConnection("),
                "the stack still shows how the connection was taken: " + dump);

        // a live thread's stack (a holder's now, a waiter's) cut after its first frames still names the application's frame
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches(" +\\.\\.\\. \\d+ more.*")) {
                boolean shown = lines.subList(Math.max(0, i - 8), i).stream().anyMatch(l -> l.contains("at com.example.orders."));
                assertTrue(shown || line.contains(", below them the application's com.example.orders."), line + "\n" + dump);
            }
        }

        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(text.matches("(?s).*suspected leak in pool 'orders-db': a connection has been held for [^\n]*to get it\\); acquired at "
                + Pattern.quote(EXPORT) + "\\d+\\):\n    at org\\.springframework\\.jdbc\\.datasource\\.DataSourceUtils\\.fetchConnection.*"),
                "a leak line names the export before the stack: " + text);
    }

    /** Polls the log, with a deadline, for the first dump written because the pool ran dry. */
    private static String firstExhaustionDump(Path log, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                int start = text.indexOf("==== poolscope dump: pool 'orders-db' (HikariCP) - pool exhausted");
                int end = start < 0 ? -1 : text.indexOf("==== end of poolscope dump", start);
                if (end > 0) {
                    return text.substring(start, end);
                }
            }
            if (!process.isAlive()) {
                fail("the application ended (exit " + process.exitValue() + ") before poolscope wrote a dump; see " + log.toAbsolutePath());
            }
            Thread.sleep(200);
        }
        fail("no exhaustion dump within " + DEADLINE_SECONDS + "s; see " + log.toAbsolutePath());
        return null;
    }
}
