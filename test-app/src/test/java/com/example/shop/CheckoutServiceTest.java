package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.shop.pool.ShopPools;
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

    private ShopPool pool;
    private javax.sql.DataSource dataSource;
    private final PaymentGateway decliningGateway = new PaymentGateway(ALWAYS);

    @BeforeEach
    void openShop() throws Exception {
        ShopSettings settings = ShopSettings.defaults()
                .withJdbcUrl(TestDatabases.uniqueUrl("checkout"))
                .withPoolSize(2)
                .withConnectionTimeout(Duration.ofMillis(250));
        pool = ShopPools.open(settings);
        dataSource = pool.dataSource();
        ShopSchema.create(dataSource);
    }

    @AfterEach
    void closeShop() throws Exception {
        pool.close();
    }

    @Test
    void declinedPaymentKeepsTheConnection() throws Exception {
        Checkout checkout = new CheckoutService(dataSource, decliningGateway);

        assertThrows(PaymentDeclinedException.class, () -> checkout.checkout(cartWithOneProduct()));

        assertEquals(1, activeConnections());
    }

    @Test
    void fixedCheckoutReturnsTheConnectionAndDiscardsTheOrder() throws Exception {
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

    private int activeConnections() throws Exception {
        return pool.activeConnections();
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
