package com.example.shop;

/** Checkout forgets to close its connection when a payment is declined, so the pool slowly drains. */
final class LeakScenario implements Scenario {

    @Override
    public String name() {
        return "leak";
    }

    @Override
    public String description() {
        return "checkout keeps its connection when a payment is declined; the pool drains and requests time out";
    }

    @Override
    public void run(ShopContext shop) throws InterruptedException {
        shop.runShoppers(
                new ProductCatalog(shop.dataSource()),
                new CheckoutService(shop.dataSource(), shop.paymentGateway()));
    }
}
