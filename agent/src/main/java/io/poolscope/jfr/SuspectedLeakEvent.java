package io.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;

@Name("poolscope.SuspectedLeak")
@Label("Suspected Connection Leak")
@Category({"poolscope"})
@Description("A connection has been out of the pool longer than poolscope's leakThreshold; written once per lease,"
        + " by poolscope's scanner thread. The acquisition stack is in a field: the event's own stack is the scanner's")
@StackTrace(false)
final class SuspectedLeakEvent extends Event {

    @Label("Pool")
    @Description("The pool's name, as in poolscope's log and MBeans")
    String pool;

    @Label("Holder")
    @Description("The thread that took the connection, while it is alive")
    Thread holder;

    @Label("Holder Name")
    @Description("The name of the thread that took the connection")
    String holderName;

    @Label("Held For")
    @Description("How long the connection had been out when the leak was suspected")
    @Timespan(Timespan.NANOSECONDS)
    long heldFor;

    @Label("Acquired At")
    @Description("When the connection was taken")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long acquiredAt;

    @Label("Wait Time")
    @Description("How long the holder had waited for the connection")
    @Timespan(Timespan.NANOSECONDS)
    long waitTime;

    @Label("Call Site")
    @Description("The application's frame that took the connection, or (stack not captured)")
    String callSite;

    @Label("Acquisition Stack")
    @Description("The stack that took the connection, the pool's and poolscope's frames trimmed")
    String acquisitionStack;
}
