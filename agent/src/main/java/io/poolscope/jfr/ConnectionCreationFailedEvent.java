package io.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name("poolscope.ConnectionCreationFailed")
@Label("Connection Creation Failed")
@Category({"poolscope"})
@Description("The pool failed to open a physical connection to the database. The stack trace is the opening thread's")
@StackTrace(true)
final class ConnectionCreationFailedEvent extends Event {

    @Label("Pool")
    @Description("The pool's name, as in poolscope's log and MBeans")
    String pool;

    @Label("Time To Fail")
    @Description("From starting to open the connection until the failure")
    @Timespan(Timespan.NANOSECONDS)
    long createTime;

    @Label("Exception")
    @Description("The class of what the driver or pool threw")
    String exceptionClass;

    @Label("Message")
    @Description("The driver's message, credentials masked")
    String message;
}
