package io.poolscope.agent;

import io.poolscope.config.Option;
import io.poolscope.config.Options;

import java.lang.instrument.Instrumentation;

/**
 * {@code premain} ({@code -javaagent}) and {@code agentmain} (attach). Whatever happens here, the
 * application starts: every failure becomes one line on standard error.
 */
public final class AgentMain {

    /** Set once an agent copy is active, so a second copy only says so. Options ignore {@code poolscope.internal.*}. */
    static final String ACTIVE_PROPERTY = "poolscope.internal.active";

    private AgentMain() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation);
    }

    public static void agentmain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation);
    }

    private static synchronized void start(String argument, Instrumentation instrumentation) {
        try {
            String active = System.getProperty(ACTIVE_PROPERTY);
            if (active != null) {
                System.err.println("poolscope: already active in this JVM (from " + active + "); this second copy does nothing");
                return;
            }
            System.setProperty(ACTIVE_PROPERTY, Version.jarLocation());
            Options options = Options.parse(argument, System.getProperties());
            for (String problem : options.problems()) {
                System.err.println(problem);
            }
            if (options.helpRequested()) {
                System.err.println(Option.helpText());
            }
            BootBridge.define(instrumentation);
            AgentRuntime.start(options, instrumentation);
        } catch (Throwable error) {
            System.err.println("poolscope: could not start (" + error + "); the application runs without it");
        }
    }
}
