package com.example.shop;

/** The card processor refused the payment; the order must not be kept. */
public class PaymentDeclinedException extends Exception {

    private static final long serialVersionUID = 1L;

    public PaymentDeclinedException(String message) {
        super(message);
    }
}
