package io.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name("poolscope.AcquireTimedOut")
@Label("Connection Acquire Timed Out")
@Category({"poolscope"})
@Description("An acquire gave up with the pool's own timeout: the pool had no connection to give in time."
        + " The stack trace is the waiting thread's")
@StackTrace(true)
final class AcquireTimedOutEvent extends Event {

    @Label("Pool")
    @Description("The pool's name, as in poolscope's log and MBeans")
    String pool;

    @Label("Wait Time")
    @Description("From entering the pool's acquire until it gave up")
    @Timespan(Timespan.NANOSECONDS)
    long waitTime;
}
