package io.poolscope.agent;

import io.poolscope.bridge.Bridge;
import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.jmx.JmxRegistrar;
import io.poolscope.pools.PoolAdapter;
import io.poolscope.pools.PoolAdapters;
import io.poolscope.pools.Reflection;
import io.poolscope.record.Recording;
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
import java.util.List;

/**
 * Wires the parts together: recording, reports, JMX, the scanner, and the instrumentation. Kept
 * cheap on the application's start-up path: the log, Byte Buddy and JMX are set up later, on the
 * scanner thread or when a pool first appears.
 */
final class AgentRuntime {

    private AgentRuntime() {
    }

    static void start(Options options, Instrumentation instrumentation) {
        long startMillis = System.currentTimeMillis();
        String logFile = options.get(Option.LOG_FILE);
        Log log = new LazyLog(() -> openLog(options, startMillis));
        Reflection.moduleOpener(new ModuleOpening(instrumentation, log)); // a pool on the module path keeps its name and settings
        Recording recording = new Recording(options, PoolAdapters::introspectorFor);
        Reporter reporter = new Reporter(recording, log, options);
        recording.listener(reporter);
        JmxRegistrar jmx = new JmxRegistrar(recording, reporter, options, Version.version());
        reporter.onPoolAdded(jmx::poolAdded);
        reporter.onPoolGone(jmx::poolGone);
        Scanner scanner = new Scanner(reporter, recording.errors());
        SkippedAdapters skipped = new SkippedAdapters(() -> scanner.later(jmx::adapterSkipped));
        jmx.skippedAdapters(skipped::lines);

        List<PoolAdapter> adapters = PoolAdapters.all();
        TargetFilter filter = new TargetFilter(Installer.internalNames(adapters),
                () -> Installer.build(instrumentation, adapters, log, skipped));
        instrumentation.addTransformer(filter, true);
        retransformLoaded(instrumentation, filter, log);

        scanner.start(() -> {
            log.info("poolscope " + Version.version() + " active; options " + options.describe());
            if (!logFile.equalsIgnoreCase("stderr")) {
                options.problems().forEach(problem -> log.event(LogEvent.warn("config_problem", problem)));
            }
            filter.prepare();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                reporter.dumpAtShutdown();
            } catch (Throwable error) {
                // the JVM is going down; nothing to tell the application
            }
        }, "poolscope-shutdown"));
        Bridge.install(recording.recorder()); // last: recording starts only once everything above is in place
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
        } catch (Exception | LinkageError e) {
            log.warn("poolscope: could not instrument the pool classes already loaded (" + e + ")");
        }
    }
}
