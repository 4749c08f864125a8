package io.poolscope.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent as a guest: never pins connections, never stops the application, never makes the JVM warn. */
class AgentSafetyIT {

    @Test
    void droppedLeakedConnectionIsCollected() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("stacks=full").args("collect").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("collected"), jvm.stdout());
        }
    }

    @Test
    void badOptionsGetOneLineEachAndTheApplicationRuns() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("leakThreshold=soon,bogus=1,stacks=weird").args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("done"));
            String err = jvm.stderr();
            assertEquals(1, ForkedJvm.lines(err, l -> l.contains("bad value 'soon' for leakThreshold")
                    && l.contains("using the default 30s")).size(), err);
            assertEquals(1, ForkedJvm.lines(err, l -> l.contains("unknown option 'bogus'")).size(), err);
            assertEquals(1, ForkedJvm.lines(err, l -> l.contains("bad value 'weird' for stacks")
                    && l.contains("expected off, auto or full")).size(), err);
            assertTrue(jvm.log().contains("leakThreshold=30s"), jvm.log());
            assertTrue(jvm.log().contains("pool 'it-pool' (HikariCP) seen"), "the agent still works: " + jvm.log());
        }
    }

    @Test
    void anAgentThatCannotStartSaysSoInItsLogAndTheApplicationRuns() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("").jvmArg("-Dpoolscope.internal.fault=start").args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("done"));
            String line = "poolscope: could not start (java.lang.IllegalStateException: fault injected at start";
            assertEquals(1, ForkedJvm.lines(jvm.stderr(), l -> l.startsWith(line)).size(), jvm.stderr());
            assertTrue(jvm.log().contains(line), jvm.log());
            assertTrue(jvm.log().contains("the application runs without it"), jvm.log());
        }
    }

    @Test
    void instrumentationThatCannotBeSetUpSaysSoAndTheApplicationRuns() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("").jvmArg("-Dpoolscope.internal.fault=instrumentation")
                .args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("done"));
            String line = "poolscope: could not set up its instrumentation (java.lang.IllegalStateException: fault injected";
            assertEquals(1, ForkedJvm.lines(jvm.stderr(), l -> l.startsWith(line)).size(), jvm.stderr());
            assertTrue(jvm.log().contains(line), jvm.log());
            assertFalse(jvm.log().contains("instrumented com.zaxxer"), jvm.log());
        }
    }

    @Test
    void agentArgumentWinsOverSystemProperty() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("leakThreshold=2s")
                .jvmArg("-Dpoolscope.leakThreshold=1s").jvmArg("-Dpoolscope.dumpCooldown=5s").args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertTrue(jvm.log().contains("leakThreshold=2s"), jvm.log());
            assertTrue(jvm.log().contains("dumpCooldown=5s"), jvm.log());
        }
    }

    @Test
    void secondCopyOfTheAgentOnlySaysSo() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("").agent("").args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("true", jvm.result("done"));
            assertEquals(1, ForkedJvm.lines(jvm.stderr(), l -> l.contains("poolscope: already active in this JVM")).size(),
                    jvm.stderr());
            assertEquals(1, ForkedJvm.lines(jvm.log(), l -> l.contains(" active; options")).size(), jvm.log());
            assertEquals(1, ForkedJvm.lines(jvm.log(), l -> l.contains("pool 'it-pool' (HikariCP) seen")).size());
        }
    }

    @Test
    void noJvmWarningOnJdk17() throws Exception {
        assertNoWarning(ForkedJvm.builder().agent("").agentLogToStderr());
    }

    @Test
    void noJvmWarningOnJdk25() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ForkedJvm.JDK_25.resolve("bin/java")),
                "no JDK 25 at " + ForkedJvm.JDK_25);
        assertNoWarning(ForkedJvm.builder().javaHome(ForkedJvm.JDK_25).agent("").agentLogToStderr());
    }

    private static void assertNoWarning(ForkedJvm.Builder builder) throws Exception {
        // -Xshare:auto is the default; the CDS warning appears only if the agent appends to the boot class path
        try (ForkedJvm jvm = builder.args("plain").start()) {
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            String err = jvm.stderr();
            assertTrue(err.contains("pool 'it-pool' (HikariCP) seen"), "the agent ran: " + err);
            assertEquals(0, ForkedJvm.lines(err, l -> l.toLowerCase().contains("warning")
                    || l.contains("Sharing is only supported") || l.contains("sun.misc.Unsafe")).size(), err);
        }
    }
}
