package com.example.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;

/** Opens the shop for one scenario: pool, schema, shoppers, and the summary once they have stopped. */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    public static RunSummary run(Scenario scenario, ShopSettings settings) throws SQLException, InterruptedException {
        HikariConfig config = ShopPool.config(settings);
        scenario.configurePool(config);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            ShopSchema.create(dataSource);
            ShopStats stats = new ShopStats();
            scenario.run(new ShopContext(settings, dataSource, new PaymentGateway(settings.declineOneIn()), stats));
            // The shoppers have stopped, so whatever is still checked out was never given back.
            int leaked = dataSource.getHikariPoolMXBean().getActiveConnections();
            return RunSummary.of(scenario.name(), settings.duration(), stats, leaked);
        }
    }
}
