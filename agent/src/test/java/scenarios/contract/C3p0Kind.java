package scenarios.contract;

import com.mchange.v2.c3p0.ComboPooledDataSource;

import javax.sql.DataSource;

/** c3p0 0.9.5 to 0.14, as a {@code ComboPooledDataSource}. */
public final class C3p0Kind extends PoolKind {

    @Override
    public DataSource open(Settings settings) throws Exception {
        ComboPooledDataSource pool = new ComboPooledDataSource();
        pool.setDataSourceName(settings.name);
        pool.setDriverClass("org.h2.Driver");
        pool.setJdbcUrl(settings.url);
        pool.setUser(settings.user);
        pool.setPassword(settings.password);
        pool.setMaxPoolSize(settings.maxConnections);
        pool.setMinPoolSize(0);
        pool.setInitialPoolSize(0); // opened on demand: a database that refuses does not stop the pool
        pool.setAcquireIncrement(1);
        pool.setCheckoutTimeout((int) settings.acquireTimeoutMillis); // 0 is c3p0's own "wait forever"
        if (settings.reclaimAfterSeconds > 0) {
            pool.setUnreturnedConnectionTimeout(settings.reclaimAfterSeconds);
        }
        // c3p0 puts a returned connection back on its helper threads by default, so its own busy
        // count would lag behind the application's close when the scenario reads it right after
        pool.setForceSynchronousCheckins(true);
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ((ComboPooledDataSource) pool).close();
    }

    @Override
    public int activeConnections(DataSource pool) throws Exception {
        return ((ComboPooledDataSource) pool).getNumBusyConnectionsDefaultUser();
    }
}
