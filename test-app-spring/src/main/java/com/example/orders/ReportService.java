package com.example.orders;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The month's report. Its transaction (and so a pooled connection) is open for the whole method,
 * which then spends its time on work that needs no database: the connection is held too long.
 */
@Service
public class ReportService {

    private final PurchaseOrderRepository orders;
    private final OrdersSettings settings;

    public ReportService(PurchaseOrderRepository orders, OrdersSettings settings) {
        this.orders = orders;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public String monthlyReport() throws InterruptedException {
        long count = orders.count();
        long cents = orders.totalCents();
        Thread.sleep(settings.reportMillis()); // rendering the report, with the transaction still open
        return count + " orders, " + cents / 100 + "." + String.format("%02d", cents % 100);
    }
}
