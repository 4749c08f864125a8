package io.poolscope.bench;

import com.alibaba.druid.pool.DruidDataSource;

import javax.sql.DataSource;

/** Alibaba Druid; its own leak detection is {@code removeAbandoned} with {@code logAbandoned} (a stack per borrow). */
final class DruidLibrary implements PoolLibrary {

    @Override
    public String name() {
        return "druid";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) throws Exception {
        DruidDataSource pool = new DruidDataSource();
        pool.setName("bench");
        pool.setUrl(database.url());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaxActive(size);
        pool.setMinIdle(size);
        pool.setInitialSize(size);
        if (ownLeakDetection) {
            pool.setRemoveAbandoned(true);
            pool.setLogAbandoned(true);
            pool.setRemoveAbandonedTimeout(NEVER_SECONDS);
        }
        pool.init();
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ((DruidDataSource) pool).close();
    }
}
