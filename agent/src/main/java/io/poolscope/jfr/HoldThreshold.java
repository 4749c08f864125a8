package io.poolscope.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** Records only connections held at least this long; 100 ms unless a recording says otherwise. */
@Name("poolscope.settings.HoldThreshold")
@Label("Hold Threshold")
@Description("Record only connections the application held at least this long")
@Timespan
public final class HoldThreshold extends TimespanThreshold {

    static final String DEFAULT = "100 ms";
    /** The value in force, read by the hot path before it makes an event. */
    static volatile long inForceNanos = parse(DEFAULT);

    public HoldThreshold() {
        super(DEFAULT);
    }

    @Override
    void applied(long thresholdNanos) {
        inForceNanos = thresholdNanos;
    }
}
