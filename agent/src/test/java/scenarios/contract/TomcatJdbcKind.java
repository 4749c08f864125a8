package scenarios.contract;

import org.apache.tomcat.jdbc.pool.PoolProperties;

import javax.sql.DataSource;

/** Tomcat JDBC pool 8.5, 9.0, 10.1 and 11.0. */
public final class TomcatJdbcKind extends PoolKind {

    @Override
    public DataSource open(Settings settings) {
        PoolProperties properties = new PoolProperties();
        properties.setName(settings.name);
        properties.setUrl(settings.url);
        properties.setDriverClassName("org.h2.Driver");
        properties.setUsername(settings.user);
        properties.setPassword(settings.password);
        properties.setMaxActive(settings.maxConnections);
        properties.setMaxIdle(settings.maxConnections);
        properties.setMinIdle(0);
        properties.setInitialSize(0); // the pool is created at the first getConnection: nothing to open before
        properties.setMaxWait(settings.acquireTimeoutMillis == 0 ? -1 : (int) settings.acquireTimeoutMillis);
        if (settings.reclaimAfterSeconds > 0) {
            properties.setRemoveAbandoned(true);
            properties.setRemoveAbandonedTimeout(settings.reclaimAfterSeconds);
            properties.setTimeBetweenEvictionRunsMillis(1000); // the pool cleaner's period
        }
        return new org.apache.tomcat.jdbc.pool.DataSource(properties);
    }

    @Override
    public void close(DataSource pool) {
        ((org.apache.tomcat.jdbc.pool.DataSource) pool).close();
    }

    @Override
    public int activeConnections(DataSource pool) {
        return ((org.apache.tomcat.jdbc.pool.DataSource) pool).getActive();
    }
}
