package io.poolscope.bench;

import javax.sql.DataSource;

/**
 * One connection pool library, set up the same way for every benchmark. Adding a pool to the
 * benchmarks is one implementation of this, listed in {@link PoolLibraries}.
 */
public interface PoolLibrary {

    /** A leak threshold, in seconds, that a benchmark's leases never reach. */
    int NEVER_SECONDS = 600;

    /** The name the benchmarks' {@code pool} parameter uses, e.g. "hikari". */
    String name();

    /**
     * A started pool of exactly {@code size} connections to {@code database}. With
     * {@code ownLeakDetection}, the library's own leak detection is armed on every lease with a
     * threshold long enough never to fire.
     */
    DataSource open(Database database, int size, boolean ownLeakDetection) throws Exception;

    void close(DataSource pool) throws Exception;
}
