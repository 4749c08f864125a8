package com.example.shop;

/** The same shoppers and declined payments as the leak, with a checkout that always returns its connection. */
final class HealthyScenario implements Scenario {

    @Override
    public String name() {
        return "healthy";
    }

    @Override
    public String description() {
        return "the same workload with a checkout that always returns its connection; nothing goes wrong";
    }

    @Override
    public void run(ShopContext shop) throws InterruptedException {
        shop.runShoppers(
                new ProductCatalog(shop.dataSource()),
                new FixedCheckoutService(shop.dataSource(), shop.paymentGateway()));
    }
}
