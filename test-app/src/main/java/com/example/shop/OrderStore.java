package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The SQL for writing orders, on a connection (and transaction) owned by the caller. */
final class OrderStore {

    private static final String INSERT_ORDER =
            "INSERT INTO orders (status, total_cents, created_at) VALUES ('PENDING', ?, CURRENT_TIMESTAMP)";
    private static final String INSERT_LINE =
            "INSERT INTO order_lines (order_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)";
    private static final String MARK_PAID = "UPDATE orders SET status = 'PAID' WHERE id = ?";

    private OrderStore() {
    }

    /** Inserts a pending order with its lines and returns its id. */
    static long insertPending(Connection connection, Cart cart) throws SQLException {
        long orderId;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ORDER, Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, cart.totalCents());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                orderId = keys.getLong(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_LINE)) {
            for (Cart.Line line : cart.lines()) {
                insert.setLong(1, orderId);
                insert.setInt(2, line.productId());
                insert.setInt(3, line.quantity());
                insert.setInt(4, line.unitPriceCents());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return orderId;
    }

    static void markPaid(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MARK_PAID)) {
            update.setLong(1, orderId);
            update.executeUpdate();
        }
    }
}
