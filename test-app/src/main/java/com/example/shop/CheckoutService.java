package com.example.shop;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The shop's checkout. It rolls back and closes on database errors, but a declined payment is not a
 * SQLException: it leaves the method with the connection still checked out of the pool.
 */
public class CheckoutService implements Checkout {

    private final DataSource dataSource;
    private final PaymentGateway payments;

    public CheckoutService(DataSource dataSource, PaymentGateway payments) {
        this.dataSource = dataSource;
        this.payments = payments;
    }

    @Override
    public long checkout(Cart cart) throws SQLException, PaymentDeclinedException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            long orderId = OrderStore.insertPending(connection, cart);
            payments.charge(orderId, cart.totalCents());
            OrderStore.markPaid(connection, orderId);
            connection.commit();
            connection.close();
            return orderId;
        } catch (SQLException e) {
            connection.rollback();
            connection.close();
            throw e;
        }
    }
}
