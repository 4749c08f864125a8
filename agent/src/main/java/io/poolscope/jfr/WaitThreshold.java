package io.poolscope.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** Records only acquires that waited at least this long; 10 ms unless a recording says otherwise. */
@Name("poolscope.settings.WaitThreshold")
@Label("Wait Threshold")
@Description("Record only acquires that waited at least this long for a connection")
@Timespan
public final class WaitThreshold extends TimespanThreshold {

    static final String DEFAULT = "10 ms";
    /** The value in force, read by the hot path before it makes an event. */
    static volatile long inForceNanos = parse(DEFAULT);

    public WaitThreshold() {
        super(DEFAULT);
    }

    @Override
    void applied(long thresholdNanos) {
        inForceNanos = thresholdNanos;
    }
}
