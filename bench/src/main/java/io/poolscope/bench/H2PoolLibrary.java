package io.poolscope.bench;

import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;

/** H2's own JdbcConnectionPool; it has no leak detection of its own. */
final class H2PoolLibrary implements PoolLibrary {

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) {
        if (ownLeakDetection) {
            throw new IllegalArgumentException("H2's JdbcConnectionPool has no leak detection of its own");
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(database.url(), database.user(), database.password());
        pool.setMaxConnections(size);
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ((JdbcConnectionPool) pool).dispose();
    }
}
