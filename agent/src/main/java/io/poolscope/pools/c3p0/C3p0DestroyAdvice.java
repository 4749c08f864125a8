package io.poolscope.pools.c3p0;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code BasicResourcePool.destroyResource(Object resource, boolean
 * synchronous, boolean checkedOut)}, which {@code removeResource} calls as soon as it has taken the
 * resource out of the pool (the destruction itself may run later on c3p0's threads). A resource
 * still checked out, removed from a pool that is not closing, is one c3p0 found unreturned for
 * longer than {@code unreturnedConnectionTimeout}: reclaimed. Any other is closed; for one that is
 * not out, that ends nothing.
 */
public final class C3p0DestroyAdvice {

    private C3p0DestroyAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object resource, @Advice.Argument(2) boolean checkedOut,
                             @Advice.FieldValue("broken") boolean closing) {
        if (checkedOut && !closing) {
            Bridge.reclaimed(resource);
        } else {
            Bridge.closed(resource);
        }
    }
}
