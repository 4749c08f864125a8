package io.poolscope.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import javax.sql.DataSource;
import java.util.concurrent.TimeUnit;

/**
 * A pool of {@value #POOL_SIZE} connections shared by all benchmark threads (at most 4, so none ever
 * waits), and a cycle run at a padded stack depth. Subclasses choose the cycle and the depths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class PoolBenchmark {

    static final int POOL_SIZE = 8;

    @Param("hikari")
    public String pool;

    @Param("H2")
    public Database database;

    /** Set by bench/run.sh together with the fork's -javaagent argument. */
    @Param("NO_AGENT")
    public Configuration config;

    private PoolLibrary library;
    private DataSource dataSource;
    protected Cycle cycle;
    protected int padding;

    /** Frames on the stack when the cycle calls {@code getConnection()}. */
    protected abstract int depth();

    protected abstract Cycle cycleOn(DataSource pool);

    // JMH calls this from the same depth as the benchmark method, which padding() relies on
    @Setup(Level.Trial)
    public void open() throws Exception {
        padding = CallerStack.padding(depth(), CallerStack.depthOfCaller());
        library = PoolLibraries.byName(pool);
        dataSource = library.open(database, POOL_SIZE, config.poolLeakDetection());
        cycle = cycleOn(dataSource);
        cycle.run();
        new AgentProbe().check(config);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (config.usesAgent()) {
            System.out.println(new AgentProbe().describe());
        } else if (config.floorAgent()) {
            System.out.println(AgentProbe.describeFloorAgent());
        }
        library.close(dataSource);
    }
}
