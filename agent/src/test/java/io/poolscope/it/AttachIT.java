package io.poolscope.it;

import com.sun.tools.attach.VirtualMachine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent loaded into a running JVM whose pool classes are loaded already: they are retransformed. */
class AttachIT {

    @Test
    void attachedAgentRetransformsLoadedPoolClasses() throws Exception {
        Path log = Files.createTempDirectory("poolscope-attach").resolve("poolscope.log");
        try (ForkedJvm jvm = ForkedJvm.builder().args("late").start()) {
            jvm.awaitReady();
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(jvm.pid()));
            try {
                vm.loadAgent(ForkedJvm.AGENT_JAR.toAbsolutePath().toString(), "logFile=" + log);
            } finally {
                vm.detach();
            }
            ForkedJvm.awaitText("the retransformation", () -> read(log),
                    text -> text.contains("instrumented com.zaxxer.hikari.util.ConcurrentBag (retransformed)")
                            && text.contains("instrumented com.zaxxer.hikari.pool.PoolEntry (retransformed)"),
                    Duration.ofSeconds(20));
            jvm.proceed();
            ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
            assertEquals("true", jvm.result("timeout"));
            String text = ForkedJvm.awaitText("the exhaustion dump", () -> read(log),
                    t -> t.contains("==== end of poolscope dump"), Duration.ofSeconds(5));
            assertTrue(text.contains("pool 'it-pool' (HikariCP) - pool exhausted"), text);
            assertTrue(text.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), text);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    @Test
    void connectionsOutBeforeTheAttachAreShownAsSuchAndTheirReturnIsNoError() throws Exception {
        Path log = Files.createTempDirectory("poolscope-attach").resolve("poolscope.log");
        try (ForkedJvm jvm = ForkedJvm.builder().jvmArg("-DheldBeforeAttach=1").args("late").start()) {
            jvm.awaitReady();
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(jvm.pid()));
            try {
                vm.loadAgent(ForkedJvm.AGENT_JAR.toAbsolutePath().toString(), "logFile=" + log);
            } finally {
                vm.detach();
            }
            ForkedJvm.awaitText("the retransformation", () -> read(log),
                    text -> text.contains("instrumented com.zaxxer.hikari.pool.PoolEntry (retransformed)"), Duration.ofSeconds(20));
            jvm.proceed();
            ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
            assertEquals("true", jvm.result("timeout"), jvm.stdout());
            String text = ForkedJvm.awaitText("the exhaustion dump", () -> read(log),
                    t -> t.contains("==== end of poolscope dump"), Duration.ofSeconds(5));
            assertTrue(text.contains("out since before attach: 1 connection (the pool counts 3 out, poolscope has seen 2 taken)"), text);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
            assertEquals("1", jvm.result("earlyReturned"), jvm.stdout());
            assertEquals("0", jvm.result("Releases"), "a connection taken before the attach is not counted: " + jvm.stdout());
            assertEquals("0", jvm.result("Failures"), jvm.stdout());
            assertEquals("2", jvm.result("LeasesOut"), jvm.stdout());
        }
    }

    @Test
    void aCommandsAnswerFileIsNewAndOwnerOnlyAndNeverOneThatExists() throws Exception {
        Path dir = Files.createTempDirectory("poolscope-answer");
        Path answer = dir.resolve("answer");
        Path planted = dir.resolve("planted");
        Files.writeString(planted, "someone else's file");
        try (ForkedJvm jvm = ForkedJvm.builder().args("late").start()) {
            jvm.awaitReady();
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(jvm.pid()));
            try {
                vm.loadAgent(ForkedJvm.AGENT_JAR.toAbsolutePath().toString(), "command=status,out=" + answer);
                vm.loadAgent(ForkedJvm.AGENT_JAR.toAbsolutePath().toString(), "command=status,out=" + planted);
            } finally {
                vm.detach();
            }
            // poolscope is not loaded there: the answer says so, in a file of its own
            assertTrue(Files.readString(answer).startsWith("error\npoolscope: not loaded in this JVM"), Files.readString(answer));
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(answer), "the answer is readable by its owner only");
            assertEquals("someone else's file", Files.readString(planted), "an existing file is never written");
            assertTrue(jvm.stderr().contains("could not write the answer of 'status' to " + planted), jvm.stderr());
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
