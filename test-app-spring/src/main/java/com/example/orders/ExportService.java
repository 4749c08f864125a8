package com.example.orders;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Exports the orders with plain JDBC. It takes its connection from Spring's {@link DataSourceUtils}
 * outside any transaction and never gives it back ({@code DataSourceUtils.releaseConnection} is
 * missing): every export leaks a pooled connection.
 */
@Service
public class ExportService {

    private final DataSource dataSource;

    public ExportService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int exportOrders() throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Statement statement = connection.createStatement();
        int rows = 0;
        try (ResultSet result = statement.executeQuery("select id, customer, cents from purchase_order")) {
            while (result.next()) {
                rows++;
            }
        }
        return rows; // the connection is never released
    }
}
