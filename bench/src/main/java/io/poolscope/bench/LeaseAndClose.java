package io.poolscope.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Takes a connection and gives it back: the pool's and the agent's costs alone. */
final class LeaseAndClose implements Cycle {

    private final DataSource pool;

    LeaseAndClose(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public int run() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return connection.isClosed() ? 0 : 1; // a pool-side check only: no driver work
        }
    }
}
