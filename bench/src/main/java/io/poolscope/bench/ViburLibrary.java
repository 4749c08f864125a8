package io.poolscope.bench;

import org.vibur.dbcp.ViburDBCPDataSource;

import javax.sql.DataSource;

/** Vibur DBCP; its own leak detection is {@code logConnectionLongerThanMs} with {@code logStackTraceForLongConnection}. */
final class ViburLibrary implements PoolLibrary {

    @Override
    public String name() {
        return "vibur";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) {
        ViburDBCPDataSource pool = new ViburDBCPDataSource();
        pool.setName("bench");
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setPoolInitialSize(size);
        pool.setPoolMaxSize(size);
        if (ownLeakDetection) {
            pool.setLogConnectionLongerThanMs(NEVER_SECONDS * 1000L);
            pool.setLogStackTraceForLongConnection(true);
        }
        pool.start();
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ((ViburDBCPDataSource) pool).close();
    }
}
