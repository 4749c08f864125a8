package io.poolscope.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** logFormat=json: every line of the log is one JSON object with the fields the README documents. */
class JsonLogIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] COMMON = {"time", "level", "logger", "pid", "event", "message"};

    /** Parses every line, checks the common fields, and returns the objects. */
    private static List<JsonNode> parse(String log, long pid) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : log.split("\n")) {
            JsonNode node = MAPPER.readTree(line);
            assertTrue(node.isObject(), line);
            for (String field : COMMON) {
                assertTrue(node.has(field), "'" + field + "' in " + line);
            }
            assertEquals(pid, node.get("pid").asLong(), line);
            assertEquals("poolscope", node.get("logger").asText(), line);
            assertTrue(node.get("level").asText().equals("INFO") || node.get("level").asText().equals("WARN"), line);
            nodes.add(node);
        }
        return nodes;
    }

    private static List<JsonNode> events(List<JsonNode> nodes, String event) {
        return nodes.stream().filter(n -> n.get("event").asText().equals(event)).collect(Collectors.toList());
    }

    @Test
    void exhaustionLeaksAndConfigurationAsJson() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("logFormat=json,leakThreshold=100ms,bogus=1").args("exhaust").start()) {
            jvm.awaitReady();
            jvm.awaitLog("the exhaustion dump and four suspected leaks",
                    text -> text.contains("\"reason\":\"exhausted\"") && text.split("\"event\":\"suspected_leak\"").length > 4);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            List<JsonNode> nodes = parse(jvm.log(), jvm.pid());

            JsonNode start = nodes.get(0);
            assertEquals("start", start.get("event").asText(), start.toString());
            assertFalse(start.get("version").asText().isEmpty());
            assertEquals("json", start.get("options").get("logFormat").asText());
            assertEquals("100ms", start.get("options").get("leakThreshold").asText());

            JsonNode problem = events(nodes, "config_problem").get(0);
            assertTrue(problem.get("message").asText().contains("unknown option 'bogus' ignored"), problem.toString());
            assertEquals("WARN", problem.get("level").asText());

            JsonNode seen = events(nodes, "pool_seen").get(0);
            assertEquals("it-pool", seen.get("pool").asText());
            assertEquals("HikariCP", seen.get("library").asText());

            List<JsonNode> leaks = events(nodes, "suspected_leak");
            assertEquals(4, leaks.size(), jvm.log());
            for (JsonNode leak : leaks) {
                assertEquals("it-pool", leak.get("pool").asText());
                assertEquals("main", leak.get("thread").asText());
                assertTrue(leak.get("heldMillis").asDouble() >= 100, leak.toString());
                assertTrue(leak.has("waitedMillis") && leak.has("callSite") && leak.get("stack").isArray(), leak.toString());
            }

            List<JsonNode> dumps = events(nodes, "dump");
            JsonNode exhausted = dumps.get(0);
            assertEquals("exhausted", exhausted.get("reason").asText());
            assertEquals("WARN", exhausted.get("level").asText());
            assertEquals("it-pool", exhausted.get("pool").asText());
            assertTrue(exhausted.get("verdict").asText().startsWith("POOL EXHAUSTED"), exhausted.toString());
            assertTrue(exhausted.get("verdictText").asText().startsWith(exhausted.get("verdict").asText() + ":"));
            assertTrue(exhausted.get("message").asText().startsWith("==== poolscope dump: pool 'it-pool'"));
            assertTrue(exhausted.get("message").asText().endsWith("==== end of poolscope dump: pool 'it-pool' ===="));
            assertEquals(4, exhausted.get("max").asInt());
            assertEquals(4, exhausted.get("leasesOut").asInt());
            assertEquals(1, exhausted.get("timeouts").asLong());
            for (String field : new String[]{"library", "active", "idle", "total", "poolWaiting", "threadsWaiting",
                    "acquires", "leases", "failures", "releases", "suspectedLeaks", "closedWhileOut", "timeoutsNotDumped",
                    "waitMillis", "holdMillis"}) {
                assertTrue(exhausted.has(field), field + " in " + exhausted);
            }
            JsonNode groups = exhausted.get("groups");
            assertTrue(groups.isArray() && groups.size() >= 1, exhausted.toString());
            int connections = 0;
            for (JsonNode group : groups) {
                connections += group.get("connections").asInt();
                assertTrue(group.has("callSite") && group.has("heldMinMillis") && group.has("heldMaxMillis")
                        && group.has("oldestSince") && group.get("holders").isArray() && group.get("stack").isArray(), group.toString());
            }
            assertEquals(4, connections);
            assertTrue(groups.get(0).get("callSite").asText().startsWith("scenarios.PoolApp$LeakyRepository.leak("), groups.toString());
            assertEquals("main", groups.get(0).get("holders").get(0).asText());
            assertEquals("shutdown", dumps.get(dumps.size() - 1).get("reason").asText());
            assertFalse(jvm.log().contains("it-secret-password"));
        }
    }

    @Test
    void leakReturnedAsJson() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("logFormat=json,leakThreshold=200ms,stacks=full")
                .jvmArg("-DholdMillis=1500").args("leak-returned").start()) {
            jvm.awaitReady();
            jvm.awaitLog("the leak's return", text -> text.contains("\"event\":\"leak_returned\""));
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            List<JsonNode> nodes = parse(jvm.log(), jvm.pid());
            JsonNode returned = events(nodes, "leak_returned").get(0);
            assertEquals("it-pool", returned.get("pool").asText());
            assertEquals("main", returned.get("thread").asText());
            assertEquals("main", returned.get("closedBy").asText());
            assertTrue(returned.get("heldMillis").asDouble() >= 1500, returned.toString());
            assertTrue(returned.get("callSite").asText().startsWith("scenarios.PoolApp$SlowReport.run("), returned.toString());
            assertEquals(1, events(nodes, "suspected_leak").size());
        }
    }
}
