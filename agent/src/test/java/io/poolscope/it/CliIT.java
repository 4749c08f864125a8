package io.poolscope.it;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code java -jar poolscope-agent.jar ...} run in a subprocess against real forked JVMs. */
class CliIT {

    /** What one run of the tool printed, and its exit code. */
    static final class Run {
        final int exit;
        final String out;
        final String err;

        Run(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Run cli(String... args) throws Exception {
        return cliWith(System.getProperty("java.home"), args);
    }

    static Run cliWith(String javaHome, String... args) throws Exception {
        return cliWithJvmArgs(javaHome, new ArrayList<>(), args);
    }

    static Run cliWithJvmArgs(String javaHome, List<String> jvmArgs, String... args) throws Exception {
        return cliRunBy(new ArrayList<>(), javaHome, jvmArgs, args);
    }

    /** The tool run as user {@code nobody}. */
    static Run cliAsNobody(String... args) throws Exception {
        return cliRunBy(ForkedJvm.asUser("nobody", "nogroup"), System.getProperty("java.home"), new ArrayList<>(), args);
    }

    private static Run cliRunBy(List<String> prefix, String javaHome, List<String> jvmArgs, String... args) throws Exception {
        Path dir = Files.createTempDirectory("poolscope-cli");
        List<String> command = new ArrayList<>(prefix);
        command.add(Paths.get(javaHome, "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(ForkedJvm.AGENT_JAR.toAbsolutePath().toString());
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the tool did not finish: " + command);
        }
        return new Run(process.exitValue(), read(dir.resolve("out")), read(dir.resolve("err")));
    }

    private static String readIfThere(Path file) {
        try {
            return Files.exists(file) ? read(file) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    @Test
    void attachDumpStatusOffAndAttachAgain() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().args("late").start()) {
            jvm.awaitReady();
            String pid = String.valueOf(jvm.pid());

            Run notLoaded = cli("dump", pid);
            assertEquals(1, notLoaded.exit, notLoaded.toString());
            assertTrue(notLoaded.err.contains("not loaded in pid " + pid + "; run attach first"), notLoaded.toString());

            Run list = cli("list");
            assertEquals(0, list.exit, list.toString());
            assertTrue(list.out.lines().anyMatch(line -> line.startsWith(pid + " ") && line.contains(" no ")
                    && line.contains("scenarios.PoolApp")), list.toString());

            Run attach = cli("attach", pid, "leakThreshold=200ms", "logFile=" + jvm.dir().resolve("attached.log"));
            assertEquals(0, attach.exit, attach.toString());
            assertTrue(attach.out.contains("attached to pid " + pid), attach.toString());
            assertTrue(attach.out.contains("com.zaxxer.hikari.util.ConcurrentBag"), attach.toString());
            assertTrue(attach.out.contains("leakThreshold=200ms"), attach.toString());

            jvm.proceed();
            ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
            Thread.sleep(300); // past the leak threshold

            Run dump = cli("dump", pid);
            assertEquals(0, dump.exit, dump.toString());
            assertTrue(dump.out.contains("poolscope dump: pool 'it-pool' (HikariCP) - on demand"), dump.toString());
            assertTrue(dump.out.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), dump.toString());

            Run onePool = cli("dump", pid, "it-pool");
            assertEquals(0, onePool.exit, onePool.toString());
            assertTrue(onePool.out.contains("pool 'it-pool'"), onePool.toString());
            Run noPool = cli("dump", pid, "nope");
            assertEquals(1, noPool.exit, noPool.toString());
            assertTrue(noPool.err.contains("no pool named 'nope'"), noPool.toString());

            Run status = cli("status", pid);
            assertEquals(0, status.exit, status.toString());
            assertTrue(status.out.contains("it-pool (HikariCP): max 2, leases out 2, held past leakThreshold 2"),
                    status.toString());

            Run listed = cli("list");
            assertTrue(listed.out.lines().anyMatch(line -> line.startsWith(pid + " ") && line.contains("loaded")),
                    listed.toString());

            Run again = cli("attach", pid, "leakThreshold=1h");
            assertEquals(0, again.exit, again.toString());
            assertTrue(again.out.contains("already attached; leakThreshold, dumpCooldown, dumpInterval, slowAcquire, stacks,"
                    + " sampleRate and maxLeasesShown applied"), again.toString());
            assertTrue(again.out.contains("leases out 2"), again.toString());
            assertTrue(again.out.contains("leakThreshold=1h"), again.toString());

            Run badOption = cli("attach", pid, "leakThreshold=banana");
            assertEquals(0, badOption.exit, badOption.toString());
            assertTrue(badOption.out.contains("leakThreshold"), badOption.toString());
            assertTrue(badOption.out.lines().anyMatch(line -> line.startsWith("poolscope:") && line.contains("banana")),
                    badOption.toString());

            Run off = cli("off", pid);
            assertEquals(0, off.exit, off.toString());
            assertTrue(off.out.contains("recording stopped"), off.toString());
            Run offDump = cli("dump", pid);
            assertEquals(1, offDump.exit, offDump.toString());
            assertTrue(offDump.err.contains("poolscope: off in this JVM"), offDump.toString());
            Run offStatus = cli("status", pid);
            assertTrue(offStatus.out.contains(": off"), offStatus.toString());

            Run on = cli("attach", pid, "leakThreshold=5s");
            assertEquals(0, on.exit, on.toString());
            assertTrue(on.out.contains("recording again with the new options"), on.toString());
            Run onDump = cli("dump", pid);
            assertEquals(0, onDump.exit, onDump.toString());

            assertFalse(jvm.stderr().contains("Exception"), jvm.stderr());
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    /** The same on a DBCP2 application: its classes, loaded before the attach, are retransformed. */
    @Test
    void attachToADbcp2ApplicationDumpStatusOffAndAttachAgain() throws Exception {
        String name = "dbcp2:jdbc:h2:mem:contract";
        try (ForkedJvm jvm = ForkedJvm.builder().pool("dbcp2-2.14").mainClass("scenarios.contract.ContractApp")
                .args("Dbcp2", "late").start()) {
            jvm.awaitReady();
            String pid = String.valueOf(jvm.pid());
            Run notLoaded = cli("dump", pid);
            assertEquals(1, notLoaded.exit, notLoaded.toString());
            assertTrue(notLoaded.err.contains("not loaded in pid " + pid + "; run attach first"), notLoaded.toString());

            Run attach = cli("attach", pid, "leakThreshold=200ms", "logFile=" + jvm.dir().resolve("attached.log"));
            assertEquals(0, attach.exit, attach.toString());
            assertTrue(attach.out.contains("attached to pid " + pid), attach.toString());
            assertTrue(attach.out.contains("org.apache.commons.dbcp2.BasicDataSource"), attach.toString());
            assertTrue(attach.out.contains("org.apache.commons.dbcp2.PoolableConnection"), attach.toString());

            jvm.proceed();
            ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
            assertEquals("true", jvm.result("timeout"), jvm.stdout());
            Thread.sleep(300); // past the leak threshold

            Run dump = cli("dump", pid, name);
            assertEquals(0, dump.exit, dump.toString());
            assertTrue(dump.out.contains("poolscope dump: pool '" + name + "' (DBCP2) - on demand"), dump.toString());
            assertTrue(dump.out.contains("at scenarios.contract.ContractApp$LeakyRepository.leak(ContractApp.java:"),
                    dump.toString());

            Run status = cli("status", pid);
            assertEquals(0, status.exit, status.toString());
            assertTrue(status.out.contains(name + " (DBCP2): max 2, leases out 2, held past leakThreshold 2"),
                    status.toString());

            Run off = cli("off", pid);
            assertEquals(0, off.exit, off.toString());
            assertTrue(off.out.contains("recording stopped"), off.toString());
            Run offDump = cli("dump", pid);
            assertEquals(1, offDump.exit, offDump.toString());
            assertTrue(offDump.err.contains("poolscope: off in this JVM"), offDump.toString());

            Run on = cli("attach", pid, "leakThreshold=5s");
            assertEquals(0, on.exit, on.toString());
            assertTrue(on.out.contains("recording again with the new options"), on.toString());
            Run onDump = cli("dump", pid); // the new recording sees the pool at its next acquire
            assertEquals(0, onDump.exit, onDump.toString());

            assertFalse(jvm.stderr().contains("Exception"), jvm.stderr());
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    @Test
    void dumpOfAJvmStartedWithTheAgent() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("stacks=full").args("serve").start()) {
            jvm.awaitReady();
            Run dump = cli("dump", String.valueOf(jvm.pid()));
            assertEquals(0, dump.exit, dump.toString());
            assertTrue(dump.out.contains("poolscope dump: pool 'it-pool' (HikariCP) - on demand"), dump.toString());
            assertTrue(dump.out.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), dump.toString());
            Run again = cli("attach", String.valueOf(jvm.pid()));
            assertEquals(0, again.exit, again.toString());
            assertTrue(again.out.contains("already attached"), again.toString());
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    @Test
    void errorsAreOneLineWithExitCodes() throws Exception {
        Run badPid = cli("dump", "999999999");
        assertEquals(1, badPid.exit, badPid.toString());
        assertEquals(1, badPid.err.trim().lines().count(), badPid.toString());
        assertTrue(badPid.err.contains("no process with pid 999999999"), badPid.toString());

        Run notAPid = cli("dump", "abc");
        assertEquals(2, notAPid.exit, notAPid.toString());
        Run unknown = cli("frobnicate");
        assertEquals(2, unknown.exit, unknown.toString());
        assertTrue(unknown.err.startsWith("poolscope: unknown command 'frobnicate'"), unknown.toString());
        Run missing = cli("attach");
        assertEquals(2, missing.exit, missing.toString());
        Run noAttachModule = cliWithJvmArgs(System.getProperty("java.home"),
                Arrays.asList("--limit-modules", "java.base,java.management,java.instrument"), "dump", "1");
        assertEquals(1, noAttachModule.exit, noAttachModule.toString());
        assertEquals(1, noAttachModule.err.trim().lines().count(), noAttachModule.toString());
        assertTrue(noAttachModule.err.contains("no attach API (module jdk.attach)"), noAttachModule.toString());
        Run help = cli("help");
        assertEquals(0, help.exit, help.toString());
        assertTrue(help.out.contains("dump <pid> [pool]"), help.toString());
    }

    @Test
    void anAgentThatCannotStartInTheTargetIsReportedByAttachAndTheTargetRunsOn() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().jvmArg("-Dpoolscope.internal.fault=start").args("late").start()) {
            jvm.awaitReady();
            String pid = String.valueOf(jvm.pid());
            Path log = jvm.dir().resolve("attached.log");
            String line = "poolscope: could not start (java.lang.IllegalStateException: fault injected at start";

            Run attach = cli("attach", pid, "logFile=" + log);
            assertEquals(1, attach.exit, attach.toString());
            assertTrue(attach.err.startsWith(line), attach.toString());
            assertTrue(read(log).contains(line), read(log));
            ForkedJvm.awaitText("the target's standard error", jvm::stderr, err -> err.contains(line), Duration.ofSeconds(10));

            Run status = cli("status", pid);
            assertEquals(1, status.exit, status.toString());
            assertTrue(status.err.contains("poolscope: not running in this JVM: its start failed (java.lang.IllegalStateException"), status.toString());

            assertTargetRunsOn(jvm);
        }
    }

    @Test
    void instrumentationThatCannotBeSetUpInTheTargetIsReportedByAttach() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().jvmArg("-Dpoolscope.internal.fault=instrumentation").args("late").start()) {
            jvm.awaitReady();
            String pid = String.valueOf(jvm.pid());
            Path log = jvm.dir().resolve("attached.log");
            String line = "poolscope: could not set up its instrumentation (java.lang.IllegalStateException: fault injected";

            Run attach = cli("attach", pid, "logFile=" + log);
            assertEquals(1, attach.exit, attach.toString());
            assertTrue(attach.err.startsWith(line), attach.toString());
            ForkedJvm.awaitText("poolscope's log", () -> readIfThere(log), text -> text.contains(line), Duration.ofSeconds(10));
            ForkedJvm.awaitText("the target's standard error", jvm::stderr, err -> err.contains(line), Duration.ofSeconds(10));

            Run status = cli("status", pid);
            assertEquals(0, status.exit, status.toString());
            assertTrue(status.out.contains(line), status.toString());

            assertTargetRunsOn(jvm);
        }
    }

    /** The target of a failed attach does its work (the late scenario's leaks) and ends normally. */
    private static void assertTargetRunsOn(ForkedJvm jvm) throws Exception {
        jvm.proceed();
        ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
        jvm.proceed();
        assertEquals(0, jvm.awaitExit(), jvm.stderr());
    }

    @Test
    void aJvmOfAnotherUser() throws Exception {
        assumeTrue(ForkedJvm.canRunAsAnotherUser(), "needs to run as root, with setpriv, to start a JVM as user nobody");
        try (ForkedJvm jvm = ForkedJvm.builder().runAs("nobody", "nogroup").args("late").start()) {
            jvm.awaitReady();
            String pid = String.valueOf(jvm.pid());

            // root may attach to it: the agent there answers as nobody, in a folder handed to nobody
            Run attach = cli("attach", pid, "logFile=stderr");
            assertEquals(0, attach.exit, attach.toString());
            assertTrue(attach.out.contains("attached to pid " + pid), attach.toString());
            jvm.proceed();
            ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
            Run dump = cli("dump", pid);
            assertEquals(0, dump.exit, dump.toString());
            assertTrue(dump.out.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), dump.toString());

            // nobody may not attach to root's JVM (this test's): told whom to run the tool as
            String rootPid = String.valueOf(ProcessHandle.current().pid());
            Run refused = cliAsNobody("status", rootPid);
            assertEquals(1, refused.exit, refused.toString());
            assertEquals(1, refused.err.trim().lines().count(), refused.toString());
            assertTrue(refused.err.startsWith("poolscope: pid " + rootPid + " belongs to user root, not nobody; run the tool"
                    + " as root"), refused.toString());

            jvm.proceed();
            assertEquals(0, jvm.awaitExit(), jvm.stderr());
        }
    }

    @Test
    void attachMechanismDisabled() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().jvmArg("-XX:+DisableAttachMechanism").args("late").start()) {
            jvm.awaitReady();
            Run attach = cli("attach", String.valueOf(jvm.pid()));
            assertEquals(1, attach.exit, attach.toString());
            assertEquals(1, attach.err.trim().lines().count(), attach.toString());
            assertTrue(attach.err.contains("-XX:+DisableAttachMechanism"), attach.toString());
        }
    }

    @Test
    void cliOnThisJdkAttachesToJdk25() throws Exception {
        assumeTrue(Files.isDirectory(ForkedJvm.JDK_25), "no JDK 25 at " + ForkedJvm.JDK_25 + "; skipped");
        try (ForkedJvm jvm = ForkedJvm.builder().javaHome(ForkedJvm.JDK_25).args("late").start()) {
            jvm.awaitReady();
            String pid = String.valueOf(jvm.pid());
            Run attach = cli("attach", pid, "leakThreshold=200ms");
            assertEquals(0, attach.exit, attach.toString());
            jvm.proceed();
            ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
            Run dump = cli("dump", pid);
            assertEquals(0, dump.exit, dump.toString());
            assertTrue(dump.out.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), dump.toString());
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    @Test
    void cliOnJdk25AttachesToThisJdk() throws Exception {
        assumeTrue(Files.isDirectory(ForkedJvm.JDK_25), "no JDK 25 at " + ForkedJvm.JDK_25 + "; skipped");
        String jdk25 = ForkedJvm.JDK_25.toString();
        try (ForkedJvm jvm = ForkedJvm.builder().args("late").start()) {
            jvm.awaitReady();
            String pid = String.valueOf(jvm.pid());
            Run attach = cliWithJvmArgs(jdk25, List.of(), "attach", pid, "leakThreshold=200ms");
            assertEquals(0, attach.exit, attach.toString());
            assertTrue(attach.out.contains("attached to pid " + pid), attach.toString());
            jvm.proceed();
            ForkedJvm.awaitText("the leaks", jvm::stdout, out -> out.contains("leaked\n"), Duration.ofSeconds(20));
            Run dump = cliWithJvmArgs(jdk25, List.of(), "dump", pid);
            assertEquals(0, dump.exit, dump.toString());
            assertTrue(dump.out.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), dump.toString());
            Run status = cliWithJvmArgs(jdk25, List.of(), "status", pid);
            assertEquals(0, status.exit, status.toString());
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }
}
