package scenarios.contract;

import org.vibur.dbcp.ViburDBCPDataSource;

import javax.sql.DataSource;

/** Vibur DBCP 22, 25 and 26. */
public final class ViburKind extends PoolKind {

    @Override
    public DataSource open(Settings settings) {
        ViburDBCPDataSource pool = new ViburDBCPDataSource();
        pool.setName(settings.name);
        pool.setJdbcUrl(settings.url);
        pool.setUsername(settings.user);
        pool.setPassword(settings.password);
        pool.setPoolInitialSize(0); // start even when the database refuses
        pool.setPoolMaxSize(settings.maxConnections);
        pool.setConnectionTimeoutInMs(settings.acquireTimeoutMillis); // 0: wait forever
        pool.start();
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ((ViburDBCPDataSource) pool).terminate();
    }

    @Override
    public int activeConnections(DataSource pool) {
        return ((ViburDBCPDataSource) pool).getPool().taken();
    }
}
