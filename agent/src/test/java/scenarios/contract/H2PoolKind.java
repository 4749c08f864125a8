package scenarios.contract;

import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;

/** H2's own {@code JdbcConnectionPool}, 2.2 and 2.3. */
public final class H2PoolKind extends PoolKind {

    @Override
    public DataSource open(Settings settings) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(settings.url, settings.user, settings.password);
        pool.setMaxConnections(settings.maxConnections);
        // whole seconds; the pool cannot wait forever (0 sets its default, 30 s): the longest it takes stands in
        long seconds = (settings.acquireTimeoutMillis + 999) / 1000;
        pool.setLoginTimeout(seconds == 0 || seconds > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) seconds);
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ((JdbcConnectionPool) pool).dispose();
    }

    @Override
    public int activeConnections(DataSource pool) {
        return ((JdbcConnectionPool) pool).getActiveConnections();
    }
}
