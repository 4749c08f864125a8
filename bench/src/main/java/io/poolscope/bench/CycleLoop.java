package io.poolscope.bench;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * getConnection + close in a plain loop, printing ns per cycle for 6 rounds: a quick check, not a
 * benchmark (no JMH, caller at a shallow depth), for comparing builds of the agent on one pool
 * within minutes. Arguments: the pool library ({@link PoolLibraries}) and cycles per round.
 *
 * <pre>java [-javaagent:agent/target/poolscope-agent.jar=stacks=off] -cp bench/target/benchmarks.jar \
 *     io.poolscope.bench.CycleLoop hikari 4000000</pre>
 */
public final class CycleLoop {

    private static final int ROUNDS = 6;

    private CycleLoop() {
    }

    public static void main(String[] args) throws Exception {
        PoolLibrary library = PoolLibraries.byName(args[0]);
        int cycles = Integer.parseInt(args[1]);
        DataSource pool = library.open(Database.H2, PoolBenchmark.POOL_SIZE, false);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < cycles; i++) {
                    try (Connection connection = pool.getConnection()) {
                        // nothing: the cycle itself is measured
                    }
                }
                System.out.println(args[0] + " round " + round + ": " + (System.nanoTime() - start) / cycles + " ns per cycle");
            }
        } finally {
            library.close(pool);
        }
    }
}
