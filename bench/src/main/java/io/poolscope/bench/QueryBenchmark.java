package io.poolscope.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import javax.sql.DataSource;
import java.sql.SQLException;

/** {@code getConnection()}, {@code SELECT 1} and {@code close()}: the smallest real use of a lease. */
public class QueryBenchmark extends PoolBenchmark {

    @Param("60")
    public int depth;

    @Override
    protected int depth() {
        return depth;
    }

    @Override
    protected Cycle cycleOn(DataSource pool) {
        return new LeaseQueryAndClose(pool);
    }

    @Benchmark
    public int getConnectionSelect1Close() throws SQLException {
        return CallerStack.call(padding, cycle);
    }
}
