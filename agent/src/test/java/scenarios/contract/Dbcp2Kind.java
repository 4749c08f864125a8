package scenarios.contract;

import org.apache.commons.dbcp2.BasicDataSource;

import java.sql.SQLException;
import javax.sql.DataSource;

/** Apache Commons DBCP2 2.9 to 2.14: a BasicDataSource, set up through the setters all of them have. */
public final class Dbcp2Kind extends PoolKind {

    @Override
    @SuppressWarnings("deprecation") // the millisecond setters: 2.9 has no Duration ones
    public DataSource open(Settings settings) {
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(settings.url);
        pool.setUsername(settings.user);
        pool.setPassword(settings.password);
        pool.setMaxTotal(settings.maxConnections);
        pool.setMinIdle(0);
        pool.setInitialSize(0);
        pool.setMaxWaitMillis(settings.acquireTimeoutMillis == 0 ? -1 : settings.acquireTimeoutMillis);
        if (settings.reclaimAfterSeconds > 0) {
            pool.setRemoveAbandonedOnBorrow(true);
            pool.setRemoveAbandonedOnMaintenance(true);
            pool.setRemoveAbandonedTimeout(settings.reclaimAfterSeconds);
            pool.setTimeBetweenEvictionRunsMillis(200);
        }
        try {
            pool.start(); // as other pools start when built; else the first getConnection starts it
        } catch (SQLException refused) {
            // the database refuses: the pool is not started, and each getConnection tries again
        }
        return pool;
    }

    @Override
    public void close(DataSource pool) throws Exception {
        ((BasicDataSource) pool).close();
    }

    @Override
    public int activeConnections(DataSource pool) {
        return ((BasicDataSource) pool).getNumActive();
    }
}
