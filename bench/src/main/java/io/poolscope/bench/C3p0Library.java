package io.poolscope.bench;

import com.mchange.v2.c3p0.ComboPooledDataSource;

import javax.sql.DataSource;

/** c3p0; its own leak detection is {@code unreturnedConnectionTimeout} with {@code debugUnreturnedConnectionStackTraces}. */
final class C3p0Library implements PoolLibrary {

    @Override
    public String name() {
        return "c3p0";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) {
        ComboPooledDataSource pool = new ComboPooledDataSource();
        pool.setDataSourceName("bench");
        pool.setJdbcUrl(database.url());
        pool.setUser(database.user());
        pool.setPassword(database.password());
        pool.setMaxPoolSize(size);
        pool.setMinPoolSize(size);
        pool.setInitialPoolSize(size);
        if (ownLeakDetection) {
            pool.setUnreturnedConnectionTimeout(NEVER_SECONDS);
            pool.setDebugUnreturnedConnectionStackTraces(true);
        }
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ((ComboPooledDataSource) pool).close();
    }
}
