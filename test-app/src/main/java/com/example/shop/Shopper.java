package com.example.shop;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.event.Level;

/** One customer: looks at a few products, now and then buys them, and repeats while the shop is open. */
final class Shopper implements Runnable {

    private static final int PRODUCTS_PER_VISIT = 3;
    // Roughly a 4% conversion rate: about one visit in this many ends at the checkout.
    private static final int CHECKOUT_ONE_IN = 25;

    private final ProductCatalog catalog;
    private final Checkout checkout;
    private final ShopStats stats;
    private final ThrottledLog problems;
    private final int pauseMillis;
    private final BooleanSupplier shopOpen;

    Shopper(ProductCatalog catalog, Checkout checkout, ShopStats stats, ThrottledLog problems,
            int pauseMillis, BooleanSupplier shopOpen) {
        this.catalog = catalog;
        this.checkout = checkout;
        this.stats = stats;
        this.problems = problems;
        this.pauseMillis = pauseMillis;
        this.shopOpen = shopOpen;
    }

    @Override
    public void run() {
        try {
            while (shopOpen.getAsBoolean()) {
                visit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void visit() throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Cart cart = new Cart();
        for (int i = 0; i < PRODUCTS_PER_VISIT && shopOpen.getAsBoolean(); i++) {
            browse(1 + random.nextInt(ShopSchema.PRODUCT_COUNT))
                    .ifPresent(product -> cart.add(product, 1 + random.nextInt(3)));
            Thread.sleep(pauseMillis);
        }
        if (!cart.isEmpty() && shopOpen.getAsBoolean() && random.nextInt(CHECKOUT_ONE_IN) == 0) {
            buy(cart);
        }
    }

    private Optional<Product> browse(int productId) {
        try {
            Optional<Product> product = catalog.find(productId);
            stats.recordBrowse();
            return product;
        } catch (SQLException e) {
            stats.recordFailure(e);
            report("browse failed", e);
            return Optional.empty();
        }
    }

    private void buy(Cart cart) {
        try {
            checkout.checkout(cart);
            stats.recordCheckout();
        } catch (PaymentDeclinedException e) {
            stats.recordDecline();
            problems.log(Level.INFO, "payment declined", "payment declined: " + e.getMessage());
        } catch (SQLException e) {
            stats.recordFailure(e);
            report("checkout failed", e);
        }
    }

    private void report(String what, SQLException e) {
        problems.log(Level.WARN, what + "/" + e.getClass().getName(), what + ": " + e.getMessage());
    }
}
