package io.poolscope.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several pools in one JVM, of several libraries or of two versions of one in separate class loaders. */
class ManyPoolsIT {

    @Test
    void poolsOfEveryLibraryInOneJvmAreEachReportedUnderTheirOwnName() throws Exception {
        // the generic fallback is not a pool library: it needs generic=on and is tested on its own
        List<PoolMatrix.Entry> newest = PoolMatrix.ALL.stream()
                .filter(e -> e.newest && !e.features.contains(PoolMatrix.Feature.GENERIC)).collect(Collectors.toList());
        ForkedJvm.Builder builder = ForkedJvm.builder().pool(newest.get(0).libs).agent("")
                .mainClass("scenarios.contract.ManyPoolsApp")
                .args("several", newest.stream().map(e -> e.kind).collect(Collectors.joining(",")));
        for (PoolMatrix.Entry entry : newest.subList(1, newest.size())) {
            builder.libs(entry.libs);
        }
        try (ForkedJvm jvm = builder.start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            List<String[]> pools = pools(jvm.stdout());
            assertEquals(newest.size(), pools.size(), jvm.stdout());
            Set<String> names = new HashSet<>();
            Set<String> libraries = new HashSet<>();
            for (String[] pool : pools) {
                names.add(pool[0]);
                libraries.add(pool[1]);
                assertEquals("1", pool[2], "each pool has its one leaked connection out: " + jvm.stdout());
            }
            assertEquals(newest.size(), names.size(), "one name per pool: " + jvm.stdout());
            assertEquals(newest.stream().map(e -> e.library).collect(Collectors.toSet()), libraries, jvm.stdout());
        }
    }

    @Test
    void twoVersionsOfOneLibraryInTheirOwnClassLoadersAreTwoPools() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("").mainClass("scenarios.contract.ManyPoolsApp")
                .args("versions", jar("hikari-4"), jar("hikari-7")).start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            List<String> pools = pools(jvm.stdout()).stream().map(p -> String.join("|", p)).sorted()
                    .collect(Collectors.toList());
            assertEquals(List.of("hikari-a|HikariCP|1", "hikari-b|HikariCP|1"), pools, jvm.stdout());
        }
    }

    @Test
    void aPoolsDiscardedClassLoaderIsCollectedUnderTheAgent() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("stacks=full").mainClass("scenarios.contract.ManyPoolsApp")
                .args("discarded", jar("hikari-7")).start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertTrue(jvm.stdout().contains("pool redeployed|HikariCP|1"), "the pool was recorded: " + jvm.stdout());
            assertEquals("true", jvm.result("loaderCollected"), "poolscope keeps no web-app class loader alive: " + jvm.stdout());
        }
    }

    private static List<String[]> pools(String stdout) {
        List<String[]> pools = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("pool ")) {
                pools.add(line.substring(5).split("\\|"));
            }
        }
        return pools;
    }

    private static String jar(String folder) throws IOException {
        try (Stream<Path> jars = Files.list(ForkedJvm.IT_LIBS.resolve(folder))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow().toAbsolutePath().toString();
        }
    }
}
