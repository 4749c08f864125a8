package scenarios.contract;

import org.apache.commons.dbcp2.BasicDataSource;

import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Apache Commons DBCP2 2.7 to 2.14: a BasicDataSource, set up through the setters all of them have. */
public final class Dbcp2Kind extends PoolKind {

    @Override
    @SuppressWarnings("deprecation") // the millisecond setters: 2.7 and 2.9 have no Duration ones
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
        start(pool);
        return pool;
    }

    /** As other pools start when built; before 2.8 (no {@code start()}) the first getConnection starts it. */
    private static void start(BasicDataSource pool) {
        try {
            BasicDataSource.class.getMethod("start").invoke(pool);
        } catch (NoSuchMethodException before28) {
            // started by the first getConnection
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof SQLException)) {
                throw new IllegalStateException(e.getCause());
            }
            // the database refuses: the pool is not started, and each getConnection tries again
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
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
