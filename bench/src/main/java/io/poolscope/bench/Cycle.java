package io.poolscope.bench;

import java.sql.SQLException;

/** One use of a pooled connection, from {@code getConnection()} to {@code close()}. */
public interface Cycle {

    int run() throws SQLException;
}
