package com.example.shop;

/** A row of the products table. */
public final class Product {

    private final int id;
    private final String name;
    private final int priceCents;

    public Product(int id, String name, int priceCents) {
        this.id = id;
        this.name = name;
        this.priceCents = priceCents;
    }

    public int id() { return id; }

    public String name() { return name; }

    public int priceCents() { return priceCents; }

    @Override
    public String toString() {
        return name + " (#" + id + ")";
    }
}
