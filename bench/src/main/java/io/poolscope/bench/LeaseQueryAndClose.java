package io.poolscope.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Takes a connection, runs {@code SELECT 1} on it and gives it back: the smallest real use. */
final class LeaseQueryAndClose implements Cycle {

    private final DataSource pool;

    LeaseQueryAndClose(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public int run() throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
