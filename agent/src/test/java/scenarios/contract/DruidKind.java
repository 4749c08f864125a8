package scenarios.contract;

import com.alibaba.druid.pool.DruidDataSource;

import javax.sql.DataSource;

/** Alibaba Druid 1.1.x and 1.2.x. */
public final class DruidKind extends PoolKind {

    @Override
    public DataSource open(Settings settings) {
        DruidDataSource pool = new DruidDataSource();
        pool.setName(settings.name);
        pool.setUrl(settings.url);
        pool.setUsername(settings.user);
        pool.setPassword(settings.password);
        pool.setMaxActive(settings.maxConnections);
        pool.setMinIdle(0);
        pool.setInitialSize(0);
        pool.setMaxWait(settings.acquireTimeoutMillis == 0 ? -1 : settings.acquireTimeoutMillis); // -1: wait forever
        pool.setTestWhileIdle(false); // no validation query to test with
        if (settings.reclaimAfterSeconds > 0) {
            pool.setRemoveAbandoned(true);
            pool.setRemoveAbandonedTimeout(settings.reclaimAfterSeconds);
            pool.setTimeBetweenEvictionRunsMillis(200); // how often the destroy thread looks for abandoned ones
        }
        return pool; // Druid starts on its first getConnection
    }

    @Override
    public void close(DataSource pool) {
        ((DruidDataSource) pool).close();
    }

    @Override
    public int activeConnections(DataSource pool) {
        return ((DruidDataSource) pool).getActiveCount();
    }
}
