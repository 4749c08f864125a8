package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckoutServiceTest {

    private static final int ALWAYS = 1;

    private HikariDataSource dataSource;
    private final PaymentGateway decliningGateway = new PaymentGateway(ALWAYS);

    @BeforeEach
    void openShop() throws SQLException {
        ShopSettings settings = ShopSettings.defaults()
                .withJdbcUrl(TestDatabases.uniqueUrl("checkout"))
                .withPoolSize(2)
                .withConnectionTimeout(Duration.ofMillis(250));
        dataSource = new HikariDataSource(ShopPool.config(settings));
        ShopSchema.create(dataSource);
    }

    @AfterEach
    void closeShop() {
        dataSource.close();
    }

    @Test
    void declinedPaymentKeepsTheConnection() {
        Checkout checkout = new CheckoutService(dataSource, decliningGateway);

        assertThrows(PaymentDeclinedException.class, () -> checkout.checkout(cartWithOneProduct()));

        assertEquals(1, activeConnections());
    }

    @Test
    void fixedCheckoutReturnsTheConnectionAndDiscardsTheOrder() throws SQLException {
        Checkout checkout = new FixedCheckoutService(dataSource, decliningGateway);

        assertThrows(PaymentDeclinedException.class, () -> checkout.checkout(cartWithOneProduct()));

        assertEquals(0, activeConnections());
        assertEquals(0, countOrders());
    }

    @Test
    void paidOrderIsStoredAndTheConnectionReturned() throws Exception {
        Checkout checkout = new CheckoutService(dataSource, new PaymentGateway(Integer.MAX_VALUE));

        checkout.checkout(cartWithOneProduct());

        assertEquals(0, activeConnections());
        assertEquals(1, countOrders());
    }

    private Cart cartWithOneProduct() {
        Cart cart = new Cart();
        cart.add(new Product(1, "Oak Desk Lamp", 1999), 2);
        return cart;
    }

    private int activeConnections() {
        return dataSource.getHikariPoolMXBean().getActiveConnections();
    }

    private int countOrders() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT COUNT(*) FROM orders")) {
            row.next();
            return row.getInt(1);
        }
    }
}
