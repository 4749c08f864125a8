package io.poolscope.report;

import org.slf4j.Logger;
import org.slf4j.simple.SimpleServiceProvider;

/**
 * poolscope's log, written through its own (shaded) copy of slf4j-simple. The provider is created
 * directly instead of through SLF4J's service discovery, so neither the application's SLF4J binding
 * nor its settings are involved; the settings below are set under slf4j-simple's relocated property
 * names, which only poolscope's copy reads.
 */
public final class Slf4jSimpleLog implements Log {

    private final Logger logger;

    private Slf4jSimpleLog(Logger logger) {
        this.logger = logger;
    }

    /** @param logFile "stderr", "stdout" or a file path */
    public static Slf4jSimpleLog open(String logFile) {
        String target = logFile.equalsIgnoreCase("stderr") ? "System.err"
                : logFile.equalsIgnoreCase("stdout") ? "System.out" : logFile;
        System.setProperty("org.slf4j.simpleLogger.logFile", target);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
        SimpleServiceProvider provider = new SimpleServiceProvider();
        provider.initialize();
        return new Slf4jSimpleLog(provider.getLoggerFactory().getLogger("poolscope"));
    }

    @Override
    public void info(String message) {
        logger.info(message);
    }

    @Override
    public void warn(String message) {
        logger.warn(message);
    }
}
