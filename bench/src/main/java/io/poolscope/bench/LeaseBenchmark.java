package io.poolscope.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import javax.sql.DataSource;
import java.sql.SQLException;

/** {@code getConnection()} and {@code close()}: what a lease costs, with nothing done on it. */
public class LeaseBenchmark extends PoolBenchmark {

    @Param({"20", "60", "120"})
    public int depth;

    @Override
    protected int depth() {
        return depth;
    }

    @Override
    protected Cycle cycleOn(DataSource pool) {
        return new LeaseAndClose(pool);
    }

    @Benchmark
    public int getConnectionClose() throws SQLException {
        return CallerStack.call(padding, cycle);
    }
}
