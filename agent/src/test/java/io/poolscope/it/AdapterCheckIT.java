package io.poolscope.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An adapter is applied to a class loader whole or not at all: a pool library whose classes lack
 * what the advice needs, or whose class loader cannot reach poolscope's bridge, is left alone with
 * one line saying why, and keeps working.
 */
class AdapterCheckIT {

    private static final Path STUBS = Paths.get(System.getProperty("basedir", "."), "src/test/stubs/changed-hikari");
    private static final String SETTINGS = "; set org.osgi.framework.bootdelegation=io.poolscope.* (OSGi) or "
            + "jboss.modules.system.pkgs=io.poolscope (JBoss Modules)";

    @Test
    void changedShapeIsLeftOutWholeAndStillWorks(@TempDir Path dir) throws Exception {
        Path jar = changedHikariJar(dir, "99.0.0-changed");
        try (ForkedJvm jvm = ForkedJvm.builder().agent("").mainClass("scenarios.IsolatedPoolApp")
                .args("changed", jar.toString(), "alone").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("proxy(connection-1)", jvm.result("stubUsed"), "the stand-in's own calls work: " + jvm.stdout());
            String log = jvm.log();
            assertFalse(jvm.stderr().contains("VerifyError") || log.contains("VerifyError"), jvm.stderr() + log);
            String expected = "poolscope: HikariCP 99.0.0-changed in class loader 'changed-hikari' not instrumented: "
                    + "com.zaxxer.hikari.util.ConcurrentBag.borrow/2 not found, "
                    + "field com.zaxxer.hikari.util.ConcurrentBag.listener not found (poolscope supports HikariCP 2.7-7.x)";
            List<String> skipLines = ForkedJvm.lines(log, l -> l.contains("not instrumented"));
            assertEquals(1, skipLines.size(), log);
            assertTrue(skipLines.get(0).endsWith("WARN poolscope - " + expected), skipLines.get(0));
            assertEquals(List.of(), ForkedJvm.lines(log, l -> l.contains(" - instrumented com.zaxxer.")),
                    "no class of the adapter is transformed, not even PoolEntry, which has HikariCP's shape");
            // the Agent MBean is there although no pool was ever seen, and shows the skip
            assertEquals("true", jvm.result("agentMBean"), jvm.stdout());
            assertEquals("1", jvm.result("skipped"), jvm.stdout());
            assertTrue(jvm.stdout().contains("skipped: " + expected.substring("poolscope: ".length()) + "\n"), jvm.stdout());
        }
    }

    @Test
    void loaderThatCannotReachTheBridgeIsReportedOnceAndItsPoolWorks() throws Exception {
        Path hikari = jarIn("hikari-7");
        try (ForkedJvm jvm = ForkedJvm.builder().agent("").mainClass("scenarios.IsolatedPoolApp")
                .args("bridgeless", hikari.toString()).start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stdout() + jvm.stderr());
            assertEquals("10", jvm.result("isolatedValid"), "the isolated pool works: " + jvm.stdout());
            assertEquals("true", jvm.result("done"), "the application's own pool works: " + jvm.stdout());
            String log = jvm.log();
            List<String> skipLines = ForkedJvm.lines(log, l -> l.contains("not instrumented"));
            assertEquals(1, skipLines.size(), "ConcurrentBag, PoolEntry and PoolBase load there, one line: " + log);
            String line = skipLines.get(0);
            assertTrue(line.contains("WARN poolscope - poolscope: HikariCP 7.1.0 in class loader 'bridgeless' not instrumented: "
                    + "its class loader does not delegate io.poolscope.* to the boot class loader, so the advice cannot "
                    + "reach io.poolscope.bridge.Bridge (java.lang.ClassNotFoundException: io.poolscope.bridge.Bridge)"), line);
            assertTrue(line.endsWith(SETTINGS), line);
            // the application class loader's HikariCP is still instrumented and recorded; the isolated one is not seen
            assertTrue(log.contains("pool 'it-pool' (HikariCP) seen"), log);
            assertFalse(log.contains("isolated-pool"), log);
            assertFalse(jvm.stderr().contains("NoClassDefFoundError") || jvm.stderr().contains("VerifyError"), jvm.stderr());
            assertEquals("1", jvm.result("skipped"), jvm.stdout());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hikari-4", "hikari-5", "hikari-7"})
    void supportedVersionsPassTheCheck(String hikari) throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().hikari(hikari).agent("").args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            String log = jvm.log();
            assertFalse(log.contains("not instrumented"), log);
            assertTrue(log.contains(" - instrumented com.zaxxer.hikari.util.ConcurrentBag"), log);
            assertTrue(log.contains(" - instrumented com.zaxxer.hikari.pool.PoolEntry"), log);
            assertTrue(log.contains(" - instrumented com.zaxxer.hikari.pool.PoolBase"), log);
            assertTrue(log.contains("pool 'it-pool' (HikariCP) seen"), log);
        }
    }

    private static Path jarIn(String folder) throws Exception {
        try (Stream<Path> jars = Files.list(ForkedJvm.IT_LIBS.resolve(folder))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow().toAbsolutePath();
        }
    }

    /** Compiles the stand-in's sources into a jar whose manifest says {@code Bundle-Version: version}. */
    private static Path changedHikariJar(Path dir, String version) throws Exception {
        List<String> sources;
        try (Stream<Path> files = Files.walk(STUBS)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList());
        }
        assertFalse(sources.isEmpty(), "no sources in " + STUBS.toAbsolutePath());
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--release", "11", "-d", classes.toString()));
        arguments.addAll(sources);
        assertEquals(0, javac.run(null, null, null, arguments.toArray(new String[0])), "the stand-in compiles");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-Name", "HikariCP");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        Path jar = dir.resolve("changed-hikari.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
