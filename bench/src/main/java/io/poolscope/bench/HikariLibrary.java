package io.poolscope.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/** HikariCP; its own leak detection is {@code leakDetectionThreshold}, a task scheduled per lease. */
final class HikariLibrary implements PoolLibrary {

    private static final long LEAK_THRESHOLD_NEVER_REACHED_MS = 60_000;

    @Override
    public String name() {
        return "hikari";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench");
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        if (ownLeakDetection) {
            config.setLeakDetectionThreshold(LEAK_THRESHOLD_NEVER_REACHED_MS);
        }
        return new HikariDataSource(config);
    }

    @Override
    public void close(DataSource pool) {
        ((HikariDataSource) pool).close();
    }
}
