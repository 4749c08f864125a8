package com.example.orders;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Takes orders: short transactions, the healthy part of the traffic. */
@Service
public class OrderDesk {

    private final PurchaseOrderRepository orders;

    public OrderDesk(PurchaseOrderRepository orders) {
        this.orders = orders;
    }

    @Transactional
    public long placeOrder(String customer, long cents) {
        return orders.save(new PurchaseOrder(customer, cents)).getId();
    }
}
