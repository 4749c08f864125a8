package com.example.shop;

import com.example.shop.pool.ShopPools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code make demo POOL=<pool>} shows: the shop's leak scenario on each pool library, the
 * built shop jar under the built agent jar in a JVM of its own; the first exhaustion dump must
 * name the method that leaks the connections.
 */
class DemoUnderAgentIT {

    private static final Path AGENT_JAR = Paths.get("..", "agent", "target", "poolscope-agent.jar");
    private static final Path SHOP_JAR = Paths.get("target", "poolscope-test-app.jar");

    static List<String> pools() {
        return ShopPools.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void theLeakScenarioNamesTheLeakingMethod(String pool) throws Exception {
        Path dir = Files.createTempDirectory("poolscope-demo-" + pool);
        Path log = dir.resolve("poolscope.log");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AGENT_JAR.toAbsolutePath() + "=leakThreshold=1s,logFile=" + log,
                "-jar", SHOP_JAR.toAbsolutePath().toString(),
                "--scenario", "leak", "--seconds", "8", "--pool", pool, "--pool-size", "2"));
        Process shop = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("shop.out").toFile()).start();
        assertTrue(shop.waitFor(60, TimeUnit.SECONDS), "the shop ran its 8 s");
        String out = Files.readString(dir.resolve("shop.out"), StandardCharsets.UTF_8);
        assertEquals(0, shop.exitValue(), out);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int dump = text.indexOf("- pool exhausted: an acquire timed out");
        assertTrue(dump > 0, "an exhaustion dump: " + text);
        String exhaustion = text.substring(dump, text.indexOf("==== end of poolscope dump", dump));
        assertTrue(exhaustion.contains("verdict: POOL EXHAUSTED"), exhaustion);
        assertTrue(exhaustion.contains("com.example.shop.CheckoutService.checkout(CheckoutService.java:"), exhaustion);
        assertTrue(out.contains("summary: scenario=leak"), out);
    }
}
