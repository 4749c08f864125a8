package io.poolscope.bench;

import org.apache.tomcat.jdbc.pool.PoolProperties;

import javax.sql.DataSource;

/** Tomcat JDBC; its own leak detection is {@code removeAbandoned} with {@code logAbandoned} (a stack per borrow). */
final class TomcatJdbcLibrary implements PoolLibrary {

    @Override
    public String name() {
        return "tomcat-jdbc";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) {
        PoolProperties properties = new PoolProperties();
        properties.setName("bench");
        properties.setUrl(database.url());
        properties.setUsername(database.user());
        properties.setPassword(database.password());
        properties.setMaxActive(size);
        properties.setMaxIdle(size);
        properties.setMinIdle(size);
        properties.setInitialSize(size);
        if (ownLeakDetection) {
            properties.setRemoveAbandoned(true);
            properties.setLogAbandoned(true);
            properties.setRemoveAbandonedTimeout(NEVER_SECONDS);
        }
        return new org.apache.tomcat.jdbc.pool.DataSource(properties);
    }

    @Override
    public void close(DataSource pool) {
        ((org.apache.tomcat.jdbc.pool.DataSource) pool).close();
    }
}
