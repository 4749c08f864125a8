package io.poolscope.agent;

import io.poolscope.bridge.Bridge;
import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.jmx.JmxRegistrar;
import io.poolscope.jmx.PoolMetricsRegistrar;
import io.poolscope.pools.PoolAdapter;
import io.poolscope.pools.PoolAdapters;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.generic.GenericFallback;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
        final PoolMetricsRegistrar metrics;
        final Scanner scanner;

        Session(Options options, Recording recording, Reporter reporter, JmxRegistrar jmx, PoolMetricsRegistrar metrics,
                Scanner scanner) {
            this.options = options;
            this.recording = recording;
            this.reporter = reporter;
            this.jmx = jmx;
            this.metrics = metrics;
            this.scanner = scanner;
        }
    }

    /** The active runtime of this JVM; a jar loaded again by attach shares the system class loader, so this too. */
    private static volatile Session current;
    private static volatile boolean started;
    /** The agent argument in force, so attaching again changes only the options it names. */
    private static volatile String argument;
    private static SkippedAdapters skipped;
    /** Counted down once the instrumentation is built (or could not be): what attach waits for before it answers. */
    private static final CountDownLatch setUp = new CountDownLatch(1);
    /** Why the instrumentation could not be built, or null. */
    private static volatile String setUpProblem;
    private static final List<String> retransformed = new ArrayList<>();

    private AgentRuntime() {
    }

    static synchronized boolean isRunning() {
        return started;
    }

    static synchronized void start(Options options, Instrumentation instrumentation) {
        FaultInjection.at(FaultInjection.START);
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
        Session session = open(options, log);

        List<PoolAdapter> adapters = PoolAdapters.all();
        GenericFallback generic = options.get(Option.GENERIC) ? new GenericFallback(adapters) : null;
        TargetFilter filter = new TargetFilter(Installer.internalNames(adapters), generic,
                () -> Installer.build(instrumentation, adapters, generic, log, skipped),
                error -> instrumentationFailed(error, log, logFile));
        instrumentation.addTransformer(filter, true);
        if (retransformLoaded(instrumentation, filter, log)) {
            session.recording.poolsMayPredateRecording(); // attached to a JVM whose pools may have connections out
        }

        session.scanner.start(() -> {
            try {
                filter.prepare();
            } finally {
                setUp.countDown();
            }
            log.info("poolscope " + Version.version() + " active; options " + options.describe());
            if (!logFile.equalsIgnoreCase("stderr")) {
                options.problems().forEach(problem -> log.event(LogEvent.warn("config_problem", problem)));
            }
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

    /** Nothing is instrumented: the application runs as without poolscope, and the user is told where they look. */
    private static void instrumentationFailed(Throwable error, Log log, String logFile) {
        String line = "poolscope: could not set up its instrumentation (" + error + "); no pool is recorded, the"
                + " application runs without it";
        setUpProblem = line;
        log.event(LogEvent.warn("instrumentation_failed", line));
        if (!logFile.equalsIgnoreCase("stderr")) {
            System.err.println(line);
        }
    }

    /**
     * Waits up to {@code millis} for the instrumentation to be set up; returns why it failed, or
     * null (also when it is not done yet: poolscope runs, and status tells later).
     */
    static String awaitSetUp(long millis) {
        try {
            setUp.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return setUpProblem;
    }

    /** A line for attach's answer while the instrumentation is still being set up, or "". */
    static String setUpPending() {
        return setUp.getCount() == 0 ? "" : "poolscope: its instrumentation is still being set up; run status to see"
                + " whether pools are recorded\n";
    }

    private static Session open(Options options, Log log) {
        Recording recording = new Recording(options, PoolAdapters::introspectorFor);
        Reporter reporter = new Reporter(recording, log, options);
        recording.listener(reporter);
        recording.observer(FlightRecorderEvents.load(log));
        JmxRegistrar jmx = new JmxRegistrar(recording, reporter, options, Version.version());
        reporter.onPoolAdded(jmx::poolAdded);
        reporter.onPoolGone(jmx::poolGone);
        reporter.onEvents(jmx);
        jmx.control(AgentRuntime::change);
        PoolMetricsRegistrar metrics = new PoolMetricsRegistrar(recording, log);
        reporter.onPoolAdded(metrics::poolAdded);
        reporter.onPoolGone(metrics::poolGone);
        Scanner scanner = new Scanner(reporter, recording.errors());
        jmx.skippedAdapters(skipped::lines);
        return new Session(options, recording, reporter, jmx, metrics, scanner);
    }

    /** The options of the running recording plus those of {@code newArgument}, which win. */
    static Options merged(String newArgument) {
        return Options.parse(join(argument, newArgument), System.getProperties());
    }

    static void argument(String inForce) {
        argument = inForce;
    }

    /** {@code first} then {@code second}, one {@code key=value} per key (the later wins), so changes do not pile up. */
    private static String join(String first, String second) {
        if (first == null || first.trim().isEmpty()) {
            return second;
        }
        if (second == null || second.trim().isEmpty()) {
            return first;
        }
        java.util.Map<String, String> parts = new java.util.LinkedHashMap<>();
        for (String part : (first + "," + second).split(",")) {
            String item = part.trim();
            if (!item.isEmpty()) {
                String key = item.split("=", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
                parts.remove(key); // the latest goes last, as the parser reads it
                parts.put(key, item);
            }
        }
        return String.join(",", parts.values());
    }

    /** The options a running recording takes in place (attach again, or the Agent MBean's set operations). */
    static final List<Option<?>> LIVE_OPTIONS = java.util.Collections.unmodifiableList(java.util.Arrays.asList(
            Option.LEAK_THRESHOLD, Option.DUMP_COOLDOWN, Option.DUMP_INTERVAL, Option.SLOW_ACQUIRE, Option.STACKS,
            Option.SAMPLE_RATE, Option.MAX_LEASES_SHOWN));

    /** "leakThreshold, dumpCooldown, ... and maxLeasesShown". */
    static String liveOptionNames() {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < LIVE_OPTIONS.size(); i++) {
            names.append(i == 0 ? "" : i == LIVE_OPTIONS.size() - 1 ? " and " : ", ").append(LIVE_OPTIONS.get(i).name());
        }
        return names.toString();
    }

    private static boolean isLive(String name) {
        for (Option<?> option : LIVE_OPTIONS) {
            if (option.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Attached again while recording: the {@link #LIVE_OPTIONS} change in place (the leases already
     * seen stay); the options that shape the recording itself (max*, log*) are returned, not applied:
     * they take effect after off and attach. Each change is logged with its old and new value.
     */
    static synchronized List<String> reconfigure(String newArgument) {
        Session session = current;
        Options options = merged(newArgument);
        List<String> notApplied = new ArrayList<>();
        java.util.Map<String, String> before = session.options.describe();
        for (java.util.Map.Entry<String, String> entry : options.describe().entrySet()) {
            String name = entry.getKey();
            if (!isLive(name) && !entry.getValue().equals(before.get(name))) {
                notApplied.add(name + "=" + entry.getValue());
            }
        }
        if (notApplied.isEmpty()) {
            argument = join(argument, newArgument);
            apply(session, options, "attach");
        } else {
            // only the live ones: keep the rest of the old argument in force
            StringBuilder live = new StringBuilder();
            for (String part : newArgument == null ? new String[0] : newArgument.split(",")) {
                String name = part.trim().split("=", 2)[0];
                if (isLive(name)) {
                    live.append(live.length() == 0 ? "" : ",").append(part.trim());
                }
            }
            argument = join(argument, live.toString());
            apply(session, merged(null), "attach");
        }
        return notApplied;
    }

    /** Puts {@code options} in force in the running recording and logs each change with its old and new value. */
    private static void apply(Session session, Options options, String by) {
        java.util.Map<String, String> before = session.options.describe();
        session.reporter.reconfigure(options);
        session.recording.stacks(options.get(Option.STACKS), options.get(Option.SAMPLE_RATE));
        session.options = options;
        session.jmx.optionsInForce(options);
        for (java.util.Map.Entry<String, String> entry : options.describe().entrySet()) {
            String old = before.get(entry.getKey());
            if (!entry.getValue().equals(old)) {
                session.reporter.log().event(io.poolscope.report.LogEvent.info("option_changed", "poolscope: "
                                + entry.getKey() + " changed from " + old + " to " + entry.getValue() + " (by " + by + ")")
                        .with("option", entry.getKey()).with("old", old).with("new", entry.getValue()).with("by", by));
            }
        }
    }

    /**
     * One live option changed by the Agent MBean: applied and logged as attach would; returns
     * "name: old -> new". A value that does not parse is refused with the reason.
     */
    static synchronized String change(Option<?> option, String value, String by) {
        Session session = current;
        if (session == null) {
            throw new IllegalStateException("poolscope is off");
        }
        if (!isLive(option.name())) {
            throw new IllegalArgumentException(option.name() + " cannot be changed while recording");
        }
        String text = value == null ? "" : value.trim();
        if (text.contains(",")) {
            throw new IllegalArgumentException("bad value '" + text + "' for " + option.name() + ": one value, no comma");
        }
        try {
            option.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for " + option.name() + " (" + e.getMessage()
                    + "); " + option.name() + " stays " + session.options.describe().get(option.name()));
        }
        String old = session.options.describe().get(option.name());
        String part = option.name() + "=" + text;
        argument = join(argument, part);
        apply(session, merged(null), by);
        String now = session.options.describe().get(option.name());
        return option.name() + ": " + old + " -> " + now + (old.equals(now) ? " (unchanged)" : "");
    }

    /** After {@code off}: a new recording with the options in force plus the new ones; the instrumentation stays. */
    static synchronized void restart(String newArgument) {
        Options options = merged(newArgument);
        argument = join(argument, newArgument);
        long startMillis = System.currentTimeMillis();
        Log log = new LazyLog(() -> openLog(options, startMillis));
        Session session = open(options, log);
        session.recording.poolsMayPredateRecording(); // connections taken while off are not in the new recording
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
        session.metrics.unregisterAll();
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
        String problem = setUpProblem;
        if (problem != null) {
            out.append(problem).append('\n');
        } else {
            out.append("pool classes instrumented when attached: ")
                    .append(retransformed.isEmpty() ? "none (loaded later, instrumented as they load)" : String.join(", ", retransformed))
                    .append('\n');
        }
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

    /**
     * Pool classes loaded before the agent (when attached to a running JVM) get the advice now.
     * Returns whether there were any: then pools may have had connections out before the agent.
     */
    private static boolean retransformLoaded(Instrumentation instrumentation, TargetFilter filter, Log log) {
        List<Class<?>> loaded = filter.alreadyLoaded(instrumentation);
        if (loaded.isEmpty()) {
            return false;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            for (Class<?> type : loaded) {
                retransformed.add(type.getName());
            }
        } catch (Exception | LinkageError e) {
            log.warn("poolscope: could not instrument the pool classes already loaded (" + e + ")");
        }
        return true;
    }
}
