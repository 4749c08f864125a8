package io.poolscope.agent;

import com.zaxxer.hikari.HikariConfig;
import io.poolscope.pools.hikari.HikariAdapter;
import io.poolscope.report.Log;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdapterGateTest {

    private static final String BAG = "com.zaxxer.hikari.util.ConcurrentBag";
    private static final String ENTRY = "com.zaxxer.hikari.pool.PoolEntry";

    private final List<String> logged = new ArrayList<>();
    private final AtomicInteger added = new AtomicInteger();
    private final SkippedAdapters skipped = new SkippedAdapters(added::incrementAndGet);
    private final AdapterGate gate = new AdapterGate(new HikariAdapter(), skipped, new Log() {
        @Override
        public void info(String message) {
            logged.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            logged.add("WARN " + message);
        }
    });

    @Test
    void hikariThatReachesTheBridgeIsAdmitted() {
        ClassLoader loader = getClass().getClassLoader();
        assertTrue(gate.admits(describe(BAG, loader), loader, null));
        assertTrue(gate.admits(describe(ENTRY, loader), loader, null));
        assertEquals(List.of(), logged);
        assertEquals(0, skipped.lines().length);
    }

    @Test
    void changedShapeIsRefusedForTheWholeLoaderWithOneLine(@TempDir Path dir) throws Exception {
        // ConcurrentBag.borrow takes one argument and the bag has no listener; the folder's manifest gives the version
        new ByteBuddy().subclass(Object.class).name(BAG)
                .defineMethod("borrow", Object.class, Visibility.PUBLIC).withParameters(long.class)
                .intercept(FixedValue.nullValue()).make().saveIn(dir.toFile());
        Files.createDirectories(dir.resolve("META-INF"));
        Files.write(dir.resolve("META-INF/MANIFEST.MF"),
                "Manifest-Version: 1.0\nImplementation-Version: 9.9-test\n".getBytes(StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL(), hikariJar()},
                ClassLoader.getPlatformClassLoader())) {
            assertFalse(gate.admits(describe(BAG, loader), loader, null));
            assertFalse(gate.admits(describe(ENTRY, loader), loader, null), "the adapter is left out whole");
            assertEquals(1, logged.size(), logged.toString());
            assertEquals("WARN poolscope: HikariCP 9.9-test in " + AdapterGate.describe(loader) + " not instrumented: "
                    + "com.zaxxer.hikari.util.ConcurrentBag.borrow/2 not found, "
                    + "field com.zaxxer.hikari.util.ConcurrentBag.listener not found "
                    + "(poolscope supports HikariCP 2.7-7.x)", logged.get(0));
            assertEquals(1, skipped.lines().length);
            assertTrue(skipped.lines()[0].startsWith("HikariCP 9.9-test in class loader java.net.URLClassLoader@"),
                    skipped.lines()[0]);
            assertEquals(1, added.get());
        }
        ClassLoader app = getClass().getClassLoader();
        assertTrue(gate.admits(describe(BAG, app), app, null), "another loader is decided on its own");
    }

    @Test
    void loaderThatCannotSeeTheBridgeIsRefusedWithTheSettings() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{hikariJar()}, ClassLoader.getPlatformClassLoader())) {
            assertFalse(gate.admits(describe(BAG, loader), loader, null));
            assertFalse(gate.admits(describe(ENTRY, loader), loader, null));
            assertEquals(1, logged.size(), logged.toString());
            String line = logged.get(0);
            assertTrue(line.startsWith("WARN poolscope: HikariCP 7.1.0 in " + AdapterGate.describe(loader)
                    + " not instrumented: its class loader does not delegate io.poolscope.* to "), line);
            assertTrue(line.contains("java.lang.ClassNotFoundException: io.poolscope.bridge.Bridge"), line);
            assertTrue(line.endsWith("; set org.osgi.framework.bootdelegation=io.poolscope.* (OSGi) or "
                    + "jboss.modules.system.pkgs=io.poolscope (JBoss Modules)"), line);
        }
    }

    @Test
    void loaderDescriptions() {
        assertEquals("the boot class loader", AdapterGate.describe(null));
        assertEquals("class loader 'app'", AdapterGate.describe(ClassLoader.getSystemClassLoader()));
    }

    private static TypeDescription describe(String name, ClassLoader loader) {
        return TypePool.Default.of(loader).describe(name).resolve();
    }

    private static URL hikariJar() {
        return HikariConfig.class.getProtectionDomain().getCodeSource().getLocation();
    }
}
