package io.poolscope.bench.memory;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A pool that exists only as an object identity: the recording needs nothing more. */
final class FakeIntrospector implements PoolIntrospector {

    @Override
    public String library() {
        return "memory-harness";
    }

    @Override
    public String poolName(Object pool) {
        return "harness";
    }

    @Override
    public Map<String, String> settings(Object pool) {
        return Collections.emptyMap();
    }

    @Override
    public PoolCounters counters(Object pool) {
        return PoolCounters.UNKNOWN;
    }

    @Override
    public int maxConnections(Object pool) {
        return -1;
    }

    @Override
    public boolean isTimeout(Throwable thrown) {
        return false;
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.emptyList();
    }
}
