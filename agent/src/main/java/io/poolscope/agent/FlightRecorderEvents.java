package io.poolscope.agent;

import io.poolscope.record.LeaseObserver;
import io.poolscope.report.Log;

/**
 * poolscope's Flight Recorder events where the runtime has Flight Recorder: a JRE built without the
 * {@code jdk.jfr} module (or an application whose module graph leaves it out) gets none, and
 * nothing of {@code io.poolscope.jfr} is loaded there.
 */
final class FlightRecorderEvents {

    private FlightRecorderEvents() {
    }

    static LeaseObserver load(Log log) {
        if (!ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
            return LeaseObserver.NONE;
        }
        try {
            // by name: the jfr package is compiled apart (see agent/pom.xml)
            return (LeaseObserver) Class.forName("io.poolscope.jfr.JfrEvents", true, FlightRecorderEvents.class.getClassLoader())
                    .getMethod("create").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.warn("poolscope: no Flight Recorder events (" + e + ")");
            return LeaseObserver.NONE;
        }
    }
}
