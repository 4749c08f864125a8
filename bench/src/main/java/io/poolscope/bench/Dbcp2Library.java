package io.poolscope.bench;

import org.apache.commons.dbcp2.BasicDataSource;

import javax.sql.DataSource;
import java.time.Duration;

/** Commons DBCP2; its own leak detection is abandoned-connection tracking with {@code logAbandoned} (a stack per borrow). */
final class Dbcp2Library implements PoolLibrary {

    @Override
    public String name() {
        return "dbcp2";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) throws Exception {
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(database.url());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        pool.setMinIdle(size);
        pool.setInitialSize(size);
        if (ownLeakDetection) {
            pool.setLogAbandoned(true);
            pool.setRemoveAbandonedOnBorrow(true);
            pool.setRemoveAbandonedTimeout(Duration.ofSeconds(NEVER_SECONDS));
        }
        return pool;
    }

    @Override
    public void close(DataSource pool) throws Exception {
        ((BasicDataSource) pool).close();
    }
}
