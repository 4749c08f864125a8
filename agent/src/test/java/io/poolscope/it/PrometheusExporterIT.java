package io.poolscope.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * poolscope's pool metrics through the Prometheus JMX exporter, run as a second agent with
 * {@code docs/jmx_exporter.yaml} as the README says, scraped over HTTP on 127.0.0.1.
 */
class PrometheusExporterIT {

    private static final Path CONFIG = Paths.get("..", "docs", "jmx_exporter.yaml").toAbsolutePath().normalize();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @Test
    void theExporterServesThePoolsUnderOpenTelemetrysNames() throws Exception {
        int port = freePort();
        try (ForkedJvm jvm = ForkedJvm.builder().agent("")
                .jvmArg("-javaagent:" + exporterJar() + "=127.0.0.1:" + port + ":" + CONFIG)
                .mainClass("scenarios.TelemetryApp").args("exporter").start()) {
            jvm.awaitReady();
            assertEquals("true", jvm.result("timeout"), jvm.stdout());
            long acquires = Long.parseLong(jvm.result("acquires"));
            long releases = Long.parseLong(jvm.result("releases"));
            long created = Long.parseLong(jvm.result("created"));

            String text = ForkedJvm.awaitText("both pools' metrics from the exporter", () -> scrape(port),
                    t -> t.contains("db_client_connection_max{pool=\"reports:eu\"}"), Duration.ofSeconds(20));
            Map<String, Double> metrics = samples(text);
            String pool = "pool=\"it-pool\"";

            assertEquals(1.0, metrics.get("db_client_connection_count{" + pool + ",state=\"used\"}"), text);
            assertEquals(2.0, metrics.get("db_client_connection_count{" + pool + ",state=\"idle\"}"), text);
            assertEquals(3.0, metrics.get("db_client_connection_max{" + pool + "}"), text);
            assertEquals(0.0, metrics.get("db_client_connection_pending_requests{" + pool + "}"), text);
            assertEquals(1.0, metrics.get("db_client_connection_timeouts_total{" + pool + "}"), text);
            assertTrue(text.contains("# TYPE db_client_connection_timeouts_total counter"), text);

            // the application's 34 acquires, each waited for; its returns, each with a hold time
            assertEquals((double) acquires, metrics.get("db_client_connection_wait_time_seconds_count{" + pool + "}"), text);
            assertEquals((double) releases, metrics.get("db_client_connection_use_time_seconds_count{" + pool + "}"), text);
            assertEquals((double) created, metrics.get("db_client_connection_create_time_seconds_count{" + pool + "}"), text);
            // the timed-out acquire waited its 250 ms; 30 holds of at least 2 ms
            assertTrue(metrics.get("db_client_connection_wait_time_seconds_sum{" + pool + "}") >= 0.25 * 15 / 16, text);
            assertTrue(metrics.get("db_client_connection_wait_time_seconds_max{" + pool + "}") >= 0.25 * 15 / 16, text);
            assertTrue(metrics.get("db_client_connection_use_time_seconds_sum{" + pool + "}") >= 30 * 0.002 * 15 / 16, text);
            for (String duration : new String[]{"wait_time", "use_time", "create_time"}) {
                double median = metrics.get("db_client_connection_" + duration + "_seconds{" + pool + ",quantile=\"0.5\"}");
                double p95 = metrics.get("db_client_connection_" + duration + "_seconds{" + pool + ",quantile=\"0.95\"}");
                double p99 = metrics.get("db_client_connection_" + duration + "_seconds{" + pool + ",quantile=\"0.99\"}");
                double max = metrics.get("db_client_connection_" + duration + "_seconds_max{" + pool + "}");
                assertTrue(0 < median && median <= p95 && p95 <= p99 && p99 <= max, duration + ": " + text);
            }

            assertEquals(1.0, metrics.get("db_client_connection_max{pool=\"reports:eu\"}"), text);
            assertEquals(1.0, metrics.get("db_client_connection_wait_time_seconds_count{pool=\"reports:eu\"}"), text);
            assertFalse(text.contains("poolscope_"), "only the rules' names: " + text);

            // the exporter's port is the only one the JVM listens on: poolscope opens none
            assertEquals(Set.of(port), listeningPorts(jvm.pid()), "ports the application listens on");
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
        }
    }

    private static Path exporterJar() throws IOException {
        try (Stream<Path> jars = Files.list(ForkedJvm.IT_LIBS.resolve("jmx-exporter"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("jmx_prometheus_javaagent-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no exporter jar in it-libs/jmx-exporter"))
                    .toAbsolutePath();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The exporter's page, or "" while it does not answer yet. */
    private static String scrape(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return "";
        }
    }

    /** Each sample line as name{labels, sorted} -> value. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                String labels = m.group(2) == null ? "" : Stream.of(m.group(2).substring(1, m.group(2).length() - 1).split(","))
                        .sorted().collect(Collectors.joining(",", "{", "}"));
                samples.put(m.group(1) + labels, Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    /** TCP ports in LISTEN state on sockets that process {@code pid} holds (Linux /proc). */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Paths.get("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listed
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : new String[]{"tcp", "tcp6"}) {
            Path file = Paths.get("/proc", String.valueOf(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (fields.length > 9 && fields[3].equals("0A") && inodes.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
