package scenarios.contract;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

/**
 * No pool: H2's {@code JdbcDataSource}, which opens a new connection on every getConnection, seen
 * through the generic fallback (option {@code generic=on}). It has no maximum, no wait and no
 * timeout of its own, so the contract runs only the scenarios that do not need them.
 */
public final class GenericKind extends PoolKind {

    @Override
    public DataSource open(Settings settings) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(settings.url);
        dataSource.setUser(settings.user);
        dataSource.setPassword(settings.password);
        return dataSource;
    }

    @Override
    public void close(DataSource pool) {
        // nothing to shut down
    }

    @Override
    public int activeConnections(DataSource pool) {
        return -1; // it keeps no count
    }
}
