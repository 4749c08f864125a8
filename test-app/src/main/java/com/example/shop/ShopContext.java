package com.example.shop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/** What a scenario gets to work with: the settings, the pooled database, the payment gateway and the counters. */
public final class ShopContext {

    // Long enough for a shopper that is waiting for a connection when the shop closes to give up.
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ShopSettings settings;
    private final DataSource dataSource;
    private final PaymentGateway paymentGateway;
    private final ShopStats stats;

    ShopContext(ShopSettings settings, DataSource dataSource, PaymentGateway paymentGateway, ShopStats stats) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.paymentGateway = paymentGateway;
        this.stats = stats;
    }

    public ShopSettings settings() { return settings; }

    public DataSource dataSource() { return dataSource; }

    public PaymentGateway paymentGateway() { return paymentGateway; }

    public ShopStats stats() { return stats; }

    /** Runs the configured number of shoppers for the configured duration and waits for them to stop. */
    public void runShoppers(ProductCatalog catalog, Checkout checkout) throws InterruptedException {
        AtomicBoolean open = new AtomicBoolean(true);
        ThrottledLog problems = new ThrottledLog(LoggerFactory.getLogger(Shopper.class), Duration.ofSeconds(1));
        List<Thread> shoppers = new ArrayList<>();
        for (int i = 1; i <= settings.threads(); i++) {
            Shopper shopper = new Shopper(catalog, checkout, stats, problems, settings.pauseMillis(), open::get);
            Thread thread = new Thread(shopper, "shopper-" + i);
            thread.setDaemon(true);
            shoppers.add(thread);
        }
        stats.markStarted();
        shoppers.forEach(Thread::start);
        try {
            TimeUnit.MILLISECONDS.sleep(settings.duration().toMillis());
        } finally {
            open.set(false);
            awaitStopped(shoppers);
        }
    }

    private void awaitStopped(List<Thread> shoppers) throws InterruptedException {
        long deadline = System.nanoTime() + settings.connectionTimeout().plus(STOP_GRACE).toNanos();
        for (Thread shopper : shoppers) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(shopper, remaining);
            }
        }
    }
}
