package io.poolscope.it;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JVM started for one test: the built agent jar (optionally), the pool version under test and H2
 * on its class path (or the pool as a named module, {@link Builder#hikariOnModulePath()}),
 * {@code scenarios.PoolApp} as its main class. Output goes to files in a temporary folder, read
 * with polling and a deadline.
 *
 * <p>By default the JVM starts fast: Serial GC and C1 only, which is what most tests need. {@link
 * Builder#defaultJvm()} leaves the JVM's own compilation (C1 then C2) and asks for G1, as an
 * application in production runs.
 */
final class ForkedJvm implements AutoCloseable {

    static final Path AGENT_JAR = Paths.get(System.getProperty("poolscope.agentJar", "target/poolscope-agent.jar"));
    static final Path IT_LIBS = Paths.get(System.getProperty("poolscope.itLibs", "target/it-libs"));
    static final Path TEST_CLASSES = Paths.get(System.getProperty("poolscope.testClasses", "target/test-classes"));
    static final Path JDK_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

    private final Process process;
    private final Path dir;
    private final Path logFile;
    private final BufferedWriter stdin;

    private ForkedJvm(Process process, Path dir, Path logFile) {
        this.process = process;
        this.dir = dir;
        this.logFile = logFile;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private String javaHome = System.getProperty("java.home");
        private String hikari = "hikari-7";
        private final List<String> libFolders = new ArrayList<>();
        private final List<String> agents = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> appArgs = new ArrayList<>();
        private boolean logToFile = true;
        private boolean defaultJvm;
        private boolean hikariModule;
        private String mainClass = "scenarios.PoolApp";
        private final List<String> runAs = new ArrayList<>();

        Builder javaHome(Path home) {
            this.javaHome = home.toString();
            return this;
        }

        Builder hikari(String folder) {
            this.hikari = folder;
            return this;
        }

        /** The pool library's folder under it-libs (e.g. {@code dbcp2-2.14}), in place of HikariCP's. */
        Builder pool(String folder) {
            this.hikari = folder;
            return this;
        }

        /** Adds {@code -javaagent:<agent jar>=<options>}; poolscope's log goes to a file unless the options name one. */
        Builder agent(String options) {
            agents.add(options);
            return this;
        }

        /**
         * The JVM as production runs it: tiered compilation up to C2 and G1, instead of the fast-starting
         * Serial GC with C1 only.
         */
        Builder defaultJvm() {
            this.defaultJvm = true;
            return this;
        }

        /** The JVM settings by name: {@code fast} (the default) or {@code default} ({@link #defaultJvm()}). */
        Builder jvm(String settings) {
            switch (settings) {
                case "fast": this.defaultJvm = false; break;
                case "default": this.defaultJvm = true; break;
                default: throw new IllegalArgumentException("JVM settings 'fast' or 'default', not " + settings);
            }
            return this;
        }

        /**
         * HikariCP as the named module {@code com.zaxxer.hikari} (with slf4j, which it requires) on the
         * module path, the application and H2 on the class path.
         */
        Builder hikariOnModulePath() {
            this.hikariModule = true;
            return this;
        }

        Builder agentLogToStderr() {
            this.logToFile = false;
            return this;
        }

        /** Adds the jars of another folder under it-libs (e.g. a JDBC driver). */
        Builder libs(String folder) {
            libFolders.add(folder);
            return this;
        }

        Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        Builder mainClass(String name) {
            this.mainClass = name;
            return this;
        }

        /** Runs the JVM as another user (the tests must run as root); see {@link #asUser}. */
        Builder runAs(String user, String group) {
            runAs.clear();
            runAs.addAll(asUser(user, group));
            return this;
        }

        Builder args(String... args) {
            appArgs.addAll(Arrays.asList(args));
            return this;
        }

        ForkedJvm start() throws IOException {
            Path dir = Files.createTempDirectory("poolscope-it");
            Path log = dir.resolve("poolscope.log");
            List<String> command = new ArrayList<>(runAs);
            command.add(Paths.get(javaHome, "bin", "java").toString());
            command.add("-Xmx256m");
            if (defaultJvm) {
                command.add("-XX:+UseG1GC");
            } else {
                command.add("-XX:+UseSerialGC");
                command.add("-XX:TieredStopAtLevel=1");
            }
            for (String options : agents) {
                String withLog = logToFile && !options.contains("logFile=")
                        ? (options.isEmpty() ? "" : options + ",") + "logFile=" + log : options;
                command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (withLog.isEmpty() ? "" : "=" + withLog));
            }
            command.addAll(jvmArgs);
            List<String> folders = new ArrayList<>(libFolders);
            if (hikariModule) {
                List<String> modules = new ArrayList<>(jars(hikari));
                modules.addAll(jars("common", jar -> jar.contains("slf4j")));
                command.add("--module-path");
                command.add(String.join(File.pathSeparator, modules));
                command.add("--add-modules");
                command.add("com.zaxxer.hikari,org.slf4j.simple");
                command.add("-cp");
                command.add(classPath(folders, jar -> !jar.contains("slf4j")));
            } else {
                folders.add(hikari);
                command.add("-cp");
                command.add(classPath(folders, jar -> true));
            }
            command.add(mainClass);
            command.addAll(appArgs);
            Process process = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            return new ForkedJvm(process, dir, log);
        }
    }

    /**
     * A command prefix that runs what follows as {@code user}: util-linux's {@code setpriv}, which
     * execs the command in its own process, so the process's pid is the command's.
     */
    static List<String> asUser(String user, String group) {
        return Arrays.asList("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups", "--");
    }

    /** Whether {@link #asUser} works here: the tests run as root and {@code setpriv} is installed. */
    static boolean canRunAsAnotherUser() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Paths.get("/usr/bin/setpriv"));
    }

    /**
     * The test classes, then the jars of {@code common} and of {@code libFolders} that {@code include}
     * accepts. A folder that holds an H2 jar (H2's own pool, another H2 version) replaces the H2 of
     * {@code common}.
     */
    static String classPath(List<String> libFolders, Predicate<String> include) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(TEST_CLASSES.toAbsolutePath().toString());
        boolean ownH2 = false;
        for (String folder : libFolders) {
            ownH2 |= !jars(folder, ForkedJvm::isH2).isEmpty();
        }
        boolean commonH2 = !ownH2;
        entries.addAll(jars("common", include.and(jar -> commonH2 || !isH2(jar))));
        for (String folder : libFolders) {
            entries.addAll(jars(folder, include));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isH2(String jarName) {
        return jarName.startsWith("h2-") && jarName.endsWith(".jar");
    }

    private static List<String> jars(String folder) throws IOException {
        return jars(folder, jar -> true);
    }

    /** The jars of one folder under it-libs whose file name {@code include} accepts, as absolute paths. */
    private static List<String> jars(String folder, Predicate<String> include) throws IOException {
        try (Stream<Path> jars = Files.list(IT_LIBS.resolve(folder))) {
            return jars.filter(p -> include.test(p.getFileName().toString()))
                    .map(p -> p.toAbsolutePath().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The JVM's temporary folder: its standard output and error, and poolscope's log unless the options name another. */
    Path dir() {
        return dir;
    }

    long pid() {
        return process.pid();
    }

    String stdout() {
        return read(dir.resolve("stdout.txt"));
    }

    String stderr() {
        return read(dir.resolve("stderr.txt"));
    }

    /** poolscope's log file (empty if none was written). */
    String log() {
        return read(logFile);
    }

    /** The value of a {@code result key=value} line on standard output, or {@code null}. */
    String result(String key) {
        for (String line : stdout().split("\n")) {
            if (line.startsWith("result ")) {
                for (String pair : line.substring(7).split(" ")) {
                    if (pair.startsWith(key + "=")) {
                        return pair.substring(key.length() + 1);
                    }
                }
            }
        }
        return null;
    }

    /** The rest of the {@code result key=value...} line of {@code key}, spaces included, or {@code null}. */
    String resultLine(String key) {
        for (String line : stdout().split("\n")) {
            if (line.startsWith("result " + key + "=")) {
                return line.substring(("result " + key + "=").length());
            }
        }
        return null;
    }

    /** Polls {@code source} until {@code condition} holds, or fails with what was seen at the deadline. */
    static String awaitText(String what, java.util.function.Supplier<String> source, Predicate<String> condition,
                            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = source.get();
        while (!condition.test(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; saw:\n" + text);
            }
            Thread.sleep(25);
            text = source.get();
        }
        return text;
    }

    String awaitLog(String what, Predicate<String> condition) throws InterruptedException {
        return awaitText(what + " in poolscope's log", this::log, condition, Duration.ofSeconds(20));
    }

    void awaitReady() throws InterruptedException {
        awaitText("'ready' on stdout", this::stdout, out -> out.contains("ready\n") || !process.isAlive(),
                Duration.ofSeconds(30));
        if (!process.isAlive()) {
            throw new AssertionError("the JVM ended early:\n" + stdout() + "\n" + stderr());
        }
    }

    /** Tells a waiting scenario to finish. */
    void proceed() throws IOException {
        send("go");
    }

    /** Writes one line to the JVM's standard input. */
    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Waits for the JVM to exit and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the JVM did not exit:\n" + stdout() + "\n" + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static List<String> lines(String text, Predicate<String> filter) {
        return Arrays.stream(text.split("\n")).filter(filter).collect(Collectors.toList());
    }
}
