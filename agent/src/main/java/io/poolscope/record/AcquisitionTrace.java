package io.poolscope.record;

/**
 * The raw stack of one acquisition: the JVM fills in its frames cheaply at construction; they are
 * turned into text only when the lease lives long enough to matter (see {@link CallSites}).
 */
final class AcquisitionTrace extends Throwable {

    private static final long serialVersionUID = 1L;

    AcquisitionTrace() {
        super(null, null, false, true);
    }
}
