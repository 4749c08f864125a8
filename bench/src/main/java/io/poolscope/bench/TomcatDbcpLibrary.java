package io.poolscope.bench;

import org.apache.tomcat.dbcp.dbcp2.BasicDataSource;

import javax.sql.DataSource;
import java.time.Duration;

/** Tomcat's copy of DBCP2 ({@code org.apache.tomcat.dbcp.dbcp2}), set up as {@link Dbcp2Library} sets up DBCP2. */
final class TomcatDbcpLibrary implements PoolLibrary {

    @Override
    public String name() {
        return "tomcat-dbcp";
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
