package com.example.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The checkout written so that every way out of it rolls back and returns the connection. */
public class FixedCheckoutService implements Checkout {

    private final DataSource dataSource;
    private final PaymentGateway payments;

    public FixedCheckoutService(DataSource dataSource, PaymentGateway payments) {
        this.dataSource = dataSource;
        this.payments = payments;
    }

    @Override
    public long checkout(Cart cart) throws SQLException, PaymentDeclinedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long orderId = OrderStore.insertPending(connection, cart);
                payments.charge(orderId, cart.totalCents());
                OrderStore.markPaid(connection, orderId);
                connection.commit();
                return orderId;
            } catch (SQLException | PaymentDeclinedException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
