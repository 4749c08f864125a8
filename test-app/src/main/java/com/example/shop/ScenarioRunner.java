package com.example.shop;

import com.example.shop.pool.ShopPools;

/** Opens the shop for one scenario: pool, schema, shoppers, and the summary once they have stopped. */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    public static RunSummary run(Scenario scenario, ShopSettings settings) throws Exception {
        ShopSchema.create(settings.jdbcUrl());
        try (ShopPool pool = ShopPools.open(settings)) {
            ShopStats stats = new ShopStats();
            scenario.run(new ShopContext(settings, pool.dataSource(), new PaymentGateway(settings.declineOneIn()), stats));
            // The shoppers have stopped, so whatever is still checked out was never given back.
            int leaked = pool.activeConnections();
            return RunSummary.of(scenario.name(), settings.duration(), stats, leaked);
        }
    }
}
