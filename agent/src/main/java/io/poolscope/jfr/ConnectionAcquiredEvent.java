package io.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name("poolscope.ConnectionAcquired")
@Label("Connection Acquired")
@Category({"poolscope"})
@Description("The application got a pooled JDBC connection after waiting for it; by default only waits of 10 ms or more."
        + " The stack trace is the acquiring thread's: the application's call is below the pool's frames")
@StackTrace(true)
final class ConnectionAcquiredEvent extends Event {

    @Label("Pool")
    @Description("The pool's name, as in poolscope's log and MBeans")
    String pool;

    @Label("Wait Time")
    @Description("From entering the pool's acquire until the connection was handed out")
    @Timespan(Timespan.NANOSECONDS)
    long waitTime;

    @Label("Wait Threshold")
    @Description("Record only acquires that waited at least this long")
    @SettingDefinition
    protected boolean waitThreshold(WaitThreshold threshold) {
        return threshold.passes(waitTime);
    }
}
