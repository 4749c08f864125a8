package io.poolscope.it;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built jar: one self-contained agent that brings nothing unrelocated into the application. */
class AgentJarIT {

    @Test
    void manifestDeclaresAgentAndCli() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("io.poolscope.agent.AgentMain", main.getValue("Premain-Class"));
            assertEquals("io.poolscope.agent.AgentMain", main.getValue("Agent-Class"));
            assertEquals("io.poolscope.cli.Cli", main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
        }
    }

    @Test
    void everyClassIsUnderIoPoolscopeAndTargetsJava11() throws Exception {
        List<String> outside = new ArrayList<>();
        int newerThan11 = 0;
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                if (!entry.getName().startsWith("io/poolscope/")) {
                    outside.add(entry.getName());
                } else if (entry.getName().startsWith("io/poolscope/") && !entry.getName().startsWith("io/poolscope/shaded/")
                        && majorVersion(jar, entry) > 55) {
                    newerThan11++;
                }
            }
        }
        assertEquals(List.of(), outside, "classes outside io.poolscope");
        assertEquals(0, newerThan11, "poolscope classes compiled for a Java newer than 11");
    }

    @Test
    void helpPrintsEveryOption() throws Exception {
        Process process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                ForkedJvm.AGENT_JAR.toString(), "help").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        for (String option : new String[]{"leakThreshold=30s", "logFile=stderr", "stacks=auto", "dumpInterval=0",
                "dumpCooldown=30s", "maxStackDepth=40"}) {
            assertTrue(out.contains(option), option + " in\n" + out);
        }
    }

    private static int majorVersion(JarFile jar, JarEntry entry) throws Exception {
        try (InputStream in = jar.getInputStream(entry); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        }
    }
}
