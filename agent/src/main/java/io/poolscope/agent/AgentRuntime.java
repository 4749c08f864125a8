package io.poolscope.agent;

import io.poolscope.bridge.Bridge;
import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.jmx.JmxRegistrar;
import io.poolscope.pools.PoolAdapters;
import io.poolscope.record.Recording;
import io.poolscope.report.Log;
import io.poolscope.report.Reporter;
import io.poolscope.report.Scanner;
import io.poolscope.report.Slf4jSimpleLog;

import java.lang.instrument.Instrumentation;

/** Wires the parts together: recording, reports, JMX, the scanner, and finally the instrumentation. */
final class AgentRuntime {

    private AgentRuntime() {
    }

    static void start(Options options, Instrumentation instrumentation) {
        // Byte Buddy must not use sun.misc.Unsafe (JDK 24+ warns about it); the property name follows its relocation.
        System.setProperty(net.bytebuddy.ByteBuddy.class.getPackage().getName() + ".safe", "true");

        Log log = Slf4jSimpleLog.open(options.get(Option.LOG_FILE));
        if (!options.get(Option.LOG_FILE).equalsIgnoreCase("stderr")) {
            options.problems().forEach(log::warn);
        }
        Recording recording = new Recording(options, PoolAdapters::introspectorFor);
        Reporter reporter = new Reporter(recording, log, options);
        recording.listener(reporter);
        JmxRegistrar jmx = new JmxRegistrar(recording, reporter, options, Version.version());
        reporter.onPoolAdded(jmx::poolAdded);
        reporter.onPoolGone(jmx::poolGone);

        Scanner scanner = new Scanner(reporter, recording.errors());
        scanner.start();
        Runtime.getRuntime().addShutdownHook(new Thread(reporter::dumpAtShutdown, "poolscope-shutdown"));

        Bridge.install(recording.recorder());
        Installer.install(instrumentation, PoolAdapters.all(), log);
        log.info("poolscope " + Version.version() + " active; options " + options.describe());
    }
}
