package scenarios.contract;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;

/** HikariCP 2.7 to 7. */
public final class HikariKind extends PoolKind {

    @Override
    public DataSource open(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.name);
        config.setJdbcUrl(settings.url);
        config.setUsername(settings.user);
        config.setPassword(settings.password);
        config.setMaximumPoolSize(settings.maxConnections);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.acquireTimeoutMillis == 0 ? 0 : settings.acquireTimeoutMillis);
        config.setInitializationFailTimeout(-1); // start even when the database refuses
        return new HikariDataSource(config);
    }

    @Override
    public void close(DataSource pool) {
        ((HikariDataSource) pool).close();
    }

    @Override
    public int activeConnections(DataSource pool) {
        return ((HikariDataSource) pool).getHikariPoolMXBean().getActiveConnections();
    }
}
