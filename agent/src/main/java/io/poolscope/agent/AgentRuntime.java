package io.poolscope.agent;

import io.poolscope.bridge.Bridge;
import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.jmx.JmxRegistrar;
import io.poolscope.pools.PoolAdapter;
import io.poolscope.pools.PoolAdapters;
import io.poolscope.pools.Reflection;
import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.report.DumpReason;
import io.poolscope.config.Formats;
import io.poolscope.report.JsonStreamLog;
import io.poolscope.report.LazyLog;
import io.poolscope.report.LogEvent;
import io.poolscope.report.LogFile;
import io.poolscope.report.Log;
import io.poolscope.report.Reporter;
import io.poolscope.report.Scanner;
import io.poolscope.report.Slf4jSimpleLog;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the parts together: recording, reports, JMX, the scanner, and the instrumentation. Kept
 * cheap on the application's start-up path: the log, Byte Buddy and JMX are set up later, on the
 * scanner thread or when a pool first appears.
 */
final class AgentRuntime {

    /** One recording with its reports, JMX view and scanner; replaced when poolscope is attached again. */
    private static final class Session {
        volatile Options options;
        final Recording recording;
        final Reporter reporter;
        final JmxRegistrar jmx;
        final Scanner scanner;

        Session(Options options, Recording recording, Reporter reporter, JmxRegistrar jmx, Scanner scanner) {
            this.options = options;
            this.recording = recording;
            this.reporter = reporter;
            this.jmx = jmx;
            this.scanner = scanner;
        }
    }

    /** The active runtime of this JVM; a jar loaded again by attach shares the system class loader, so this too. */
    private static volatile Session current;
    private static volatile boolean started;
    /** The agent argument in force, so attaching again changes only the options it names. */
    private static volatile String argument;
    private static SkippedAdapters skipped;
    private static final List<String> retransformed = new ArrayList<>();

    private AgentRuntime() {
    }

    static synchronized boolean isRunning() {
        return started;
    }

    /** {@code attached}: the JVM ran before poolscope, so its pools may have connections out that poolscope never saw taken. */
    static synchronized void start(Options options, Instrumentation instrumentation, boolean attached) {
        long startMillis = System.currentTimeMillis();
        String logFile = options.get(Option.LOG_FILE);
        Log log = new LazyLog(() -> openLog(options, startMillis));
        Reflection.moduleOpener(new ModuleOpening(instrumentation, log)); // a pool on the module path keeps its name and settings
        skipped = new SkippedAdapters(() -> {
            Session session = current;
            if (session != null) {
                session.scanner.later(session.jmx::adapterSkipped);
            }
        });
        Session session = open(options, log, attached);

        List<PoolAdapter> adapters = PoolAdapters.all();
        TargetFilter filter = new TargetFilter(Installer.internalNames(adapters),
                () -> Installer.build(instrumentation, adapters, log, skipped));
        instrumentation.addTransformer(filter, true);
        retransformLoaded(instrumentation, filter, log);

        session.scanner.start(() -> {
            log.info("poolscope " + Version.version() + " active; options " + options.describe());
            if (!logFile.equalsIgnoreCase("stderr")) {
                options.problems().forEach(problem -> log.event(LogEvent.warn("config_problem", problem)));
            }
            filter.prepare();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Session last = current;
                if (last != null) {
                    last.reporter.dumpAtShutdown();
                }
            } catch (Throwable error) {
                // the JVM is going down; nothing to tell the application
            }
        }, "poolscope-shutdown"));
        current = session;
        started = true;
        Bridge.install(session.recording.recorder()); // last: recording starts only once everything above is in place
    }

    private static Session open(Options options, Log log, boolean startedAfterPools) {
        Recording recording = new Recording(options, PoolAdapters::introspectorFor, startedAfterPools);
        Reporter reporter = new Reporter(recording, log, options);
        recording.listener(reporter);
        JmxRegistrar jmx = new JmxRegistrar(recording, reporter, options, Version.version());
        reporter.onPoolAdded(jmx::poolAdded);
        reporter.onPoolGone(jmx::poolGone);
        Scanner scanner = new Scanner(reporter, recording.errors());
        jmx.skippedAdapters(skipped::lines);
        return new Session(options, recording, reporter, jmx, scanner);
    }

    /** The options of the running recording plus those of {@code newArgument}, which win. */
    static Options merged(String newArgument) {
        return Options.parse(join(argument, newArgument), System.getProperties());
    }

    static void argument(String inForce) {
        argument = inForce;
    }

    private static String join(String first, String second) {
        if (first == null || first.trim().isEmpty()) {
            return second;
        }
        return second == null || second.trim().isEmpty() ? first : first + "," + second;
    }

    /**
     * Attached again while recording: leakThreshold, dumpCooldown and dumpInterval change in place
     * (the leases already seen stay); the options that shape the recording itself (stacks,
     * sampleRate, max*, log*) are returned, not applied: they take effect after off and attach.
     */
    static synchronized List<String> reconfigure(String newArgument) {
        Session session = current;
        Options options = merged(newArgument);
        List<String> notApplied = new ArrayList<>();
        java.util.Map<String, String> before = session.options.describe();
        for (java.util.Map.Entry<String, String> entry : options.describe().entrySet()) {
            String name = entry.getKey();
            boolean live = name.equals(Option.LEAK_THRESHOLD.name()) || name.equals(Option.DUMP_COOLDOWN.name())
                    || name.equals(Option.DUMP_INTERVAL.name());
            if (!live && !entry.getValue().equals(before.get(name))) {
                notApplied.add(name + "=" + entry.getValue());
            }
        }
        if (notApplied.isEmpty()) {
            session.reporter.reconfigure(options);
            session.jmx.optionsInForce(options);
            session.options = options;
            argument = join(argument, newArgument);
        } else {
            // only the live ones: keep the rest of the old argument in force
            StringBuilder live = new StringBuilder();
            for (String part : newArgument == null ? new String[0] : newArgument.split(",")) {
                String name = part.trim().split("=", 2)[0];
                if (name.equals(Option.LEAK_THRESHOLD.name()) || name.equals(Option.DUMP_COOLDOWN.name())
                        || name.equals(Option.DUMP_INTERVAL.name())) {
                    live.append(live.length() == 0 ? "" : ",").append(part.trim());
                }
            }
            argument = join(argument, live.toString());
            Options applied = merged(null);
            session.reporter.reconfigure(applied);
            session.jmx.optionsInForce(applied);
            session.options = applied;
        }
        return notApplied;
    }

    /** After {@code off}: a new recording with the options in force plus the new ones; the instrumentation stays. */
    static synchronized void restart(String newArgument) {
        Options options = merged(newArgument);
        argument = join(argument, newArgument);
        long startMillis = System.currentTimeMillis();
        Log log = new LazyLog(() -> openLog(options, startMillis));
        Session session = open(options, log, true); // connections taken while off were not seen
        session.scanner.start(() -> log.info("poolscope " + Version.version() + " attached again; options "
                + options.describe()));
        current = session;
        Bridge.install(session.recording.recorder());
    }

    /** {@code off}: the do-nothing recorder, no scanner, no MBeans. The instrumentation stays (it then costs a call). */
    static synchronized boolean stop() {
        Session session = current;
        if (session == null) {
            return false;
        }
        current = null;
        Bridge.install(null);
        session.scanner.stop();
        session.jmx.unregisterAll();
        return true;
    }

    static boolean recording() {
        return current != null;
    }

    static synchronized List<String> retransformedClasses() {
        return new ArrayList<>(retransformed);
    }

    /** The dump of one pool (or all), or null when poolscope is off. */
    static String dump(String pool) {
        Session session = current;
        if (session == null) {
            return null;
        }
        if (pool == null || pool.isEmpty()) {
            return session.reporter.dumpAll(DumpReason.ON_DEMAND);
        }
        for (PoolHandle handle : session.recording.pools()) {
            if (handle.name().equals(pool)) {
                return session.reporter.dump(handle, DumpReason.ON_DEMAND, 0);
            }
        }
        StringBuilder names = new StringBuilder();
        for (PoolHandle handle : session.recording.pools()) {
            names.append(names.length() == 0 ? "" : ", ").append(handle.name());
        }
        throw new IllegalArgumentException("no pool named '" + pool + "'; pools seen: "
                + (names.length() == 0 ? "none yet" : names));
    }

    /** One screen: pools, counts, leases out, waiters, options in force. */
    static String status() {
        Session session = current;
        StringBuilder out = new StringBuilder();
        out.append("poolscope ").append(Version.version()).append(", pid ").append(ProcessHandle.current().pid())
                .append(session == null ? ": off (attach turns it on again)" : ": recording").append('\n');
        out.append("pool classes instrumented when attached: ")
                .append(retransformed.isEmpty() ? "none (loaded later, instrumented as they load)" : String.join(", ", retransformed))
                .append('\n');
        if (session == null) {
            return out.toString();
        }
        long now = System.nanoTime();
        long threshold = session.reporter.leakThresholdNanos();
        List<PoolHandle> pools = session.recording.pools();
        out.append("pools: ").append(pools.isEmpty() ? "none seen yet" : String.valueOf(pools.size())).append('\n');
        for (PoolHandle pool : pools) {
            List<LeaseView> leases = session.recording.leases(pool, now);
            int overThreshold = 0;
            for (LeaseView lease : leases) {
                if (lease.ageNanos() >= threshold) {
                    overThreshold++;
                }
            }
            out.append("  ").append(pool.name()).append(" (").append(pool.library()).append("): max ")
                    .append(pool.maxConnections()).append(", leases out ").append(leases.size())
                    .append(", held past leakThreshold ").append(overThreshold)
                    .append(", waiters ").append(session.recording.waiters(pool).size());
            if (pool.untrackedLeases() > 0) {
                out.append(", taken before poolscope ").append(pool.untrackedLeases());
            }
            out.append('\n');
        }
        out.append("internal errors: ").append(session.recording.errors().count()).append('\n');
        out.append("options: ").append(session.options.describe()).append('\n');
        return out.toString();
    }

    /**
     * stderr and stdout go through slf4j-simple; a file is written by {@link LogFile} (append,
     * owner-only, rotated), its name with {@code %p} and {@code %t} filled in, starting with a line
     * that tells this process's part apart from earlier ones.
     */
    private static Log openLog(Options options, long startMillis) {
        String logFile = options.get(Option.LOG_FILE);
        boolean json = options.get(Option.LOG_FORMAT).equals("json");
        boolean stdout = logFile.equalsIgnoreCase("stdout");
        long pid = ProcessHandle.current().pid();
        LogEvent start = LogEvent.info("start", "poolscope " + Version.version() + " started: pid " + pid + ", at "
                + Formats.timestamp(startMillis) + ", options " + options.describe())
                .with("version", Version.version()).with("startTime", Formats.timestamp(startMillis))
                .with("options", options.describe());
        if (stdout || logFile.equalsIgnoreCase("stderr")) {
            if (!json) {
                return Slf4jSimpleLog.open(logFile);
            }
            Log log = new JsonStreamLog(stdout ? System.out : System.err, pid);
            log.event(start);
            return log;
        }
        return LogFile.open(LogFile.expand(logFile, pid, startMillis),
                options.get(Option.MAX_LOG_SIZE), options.get(Option.MAX_LOG_FILES), json, pid, start);
    }

    /** Pool classes loaded before the agent (when attached to a running JVM) get the advice now. */
    private static void retransformLoaded(Instrumentation instrumentation, TargetFilter filter, Log log) {
        List<Class<?>> loaded = filter.alreadyLoaded(instrumentation);
        if (loaded.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            for (Class<?> type : loaded) {
                retransformed.add(type.getName());
            }
        } catch (Exception | LinkageError e) {
            log.warn("poolscope: could not instrument the pool classes already loaded (" + e + ")");
        }
    }
}
