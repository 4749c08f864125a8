package io.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name("poolscope.ConnectionReleased")
@Label("Connection Released")
@Category({"poolscope"})
@Description("The application returned a pooled JDBC connection; by default only connections held 100 ms or more."
        + " The stack trace is the returning thread's (where the connection was closed)")
@StackTrace(true)
final class ConnectionReleasedEvent extends Event {

    @Label("Pool")
    @Description("The pool's name, as in poolscope's log and MBeans")
    String pool;

    @Label("Hold Time")
    @Description("From the connection being handed out until the application returned it")
    @Timespan(Timespan.NANOSECONDS)
    long holdTime;

    @Label("Hold Threshold")
    @Description("Record only connections held at least this long")
    @SettingDefinition
    protected boolean holdThreshold(HoldThreshold threshold) {
        return threshold.passes(holdTime);
    }
}
