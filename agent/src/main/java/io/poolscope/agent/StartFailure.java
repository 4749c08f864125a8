package io.poolscope.agent;

import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.report.Log;
import io.poolscope.report.LogEvent;
import io.poolscope.report.LogFile;

/**
 * A start of poolscope that failed, told where its user looks: standard error, and poolscope's own
 * log file (opened for this one line). Kept in a system property, so that the tool's later commands
 * say so instead of "another copy" (the property is what a second copy of the jar sees too).
 * Uses no recording or bridge type: it may run before the bridge is in place.
 */
final class StartFailure {

    static final String PROPERTY = "poolscope.internal.startFailure";

    private StartFailure() {
    }

    /** Tells of {@code error}, which stopped the start with {@code argument}; returns the line told. */
    static String report(String argument, Throwable error) {
        String line = "poolscope: could not start; the application runs without it";
        try {
            line = "poolscope: could not start (" + error + "); the application runs without it";
            System.err.println(line);
            System.setProperty(PROPERTY, error.toString());
            writeToLogFile(argument, line);
        } catch (Throwable reporting) {
            // nothing here may stop the application from starting
        }
        return line;
    }

    /** What a later command hears when an earlier start in this JVM failed, or null when none did. */
    static String reported() {
        String error = System.getProperty(PROPERTY);
        return error == null ? null : "not running in this JVM: its start failed (" + error + "); restart the JVM to try again";
    }

    private static void writeToLogFile(String argument, String line) {
        try {
            Options options = Options.parse(argument, System.getProperties());
            String file = options.get(Option.LOG_FILE);
            if (file.equalsIgnoreCase("stderr") || file.equalsIgnoreCase("stdout")) {
                return; // the line is on standard error already
            }
            long pid = ProcessHandle.current().pid();
            Log log = LogFile.open(LogFile.expand(file, pid, System.currentTimeMillis()), options.get(Option.MAX_LOG_SIZE),
                    options.get(Option.MAX_LOG_FILES), options.get(Option.LOG_FORMAT).equals("json"), pid,
                    LogEvent.warn("start_failed", line));
            if (log instanceof LogFile) {
                ((LogFile) log).close();
            }
        } catch (Throwable error) {
            // standard error has the line; there is nowhere else to tell
        }
    }
}
