package com.example.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** One order of the shop: the only entity. */
@Entity
public class PurchaseOrder {

    @Id
    @GeneratedValue
    private Long id;
    private String customer;
    private long cents;

    protected PurchaseOrder() {
    }

    public PurchaseOrder(String customer, long cents) {
        this.customer = customer;
        this.cents = cents;
    }

    public Long getId() {
        return id;
    }

    public String getCustomer() {
        return customer;
    }

    public long getCents() {
        return cents;
    }
}
