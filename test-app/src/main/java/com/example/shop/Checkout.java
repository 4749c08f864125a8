package com.example.shop;

import java.sql.SQLException;

/** Turns a cart into a paid order. */
public interface Checkout {

    /** Returns the id of the new order. */
    long checkout(Cart cart) throws SQLException, PaymentDeclinedException;
}
