package com.example.shop;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The products a shopper is about to buy; adding a product twice raises its quantity. */
public final class Cart {

    /** One product in the cart, with the price it had when it was added. */
    public static final class Line {
        private final int productId;
        private final int unitPriceCents;
        private int quantity;

        private Line(int productId, int unitPriceCents) {
            this.productId = productId;
            this.unitPriceCents = unitPriceCents;
        }

        public int productId() { return productId; }

        public int unitPriceCents() { return unitPriceCents; }

        public int quantity() { return quantity; }
    }

    private final Map<Integer, Line> lines = new LinkedHashMap<>();

    public void add(Product product, int quantity) {
        lines.computeIfAbsent(product.id(), id -> new Line(id, product.priceCents())).quantity += quantity;
    }

    public Collection<Line> lines() {
        return Collections.unmodifiableCollection(lines.values());
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public long totalCents() {
        return lines.values().stream().mapToLong(line -> (long) line.unitPriceCents * line.quantity).sum();
    }
}
