package com.example.orders;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** How the run goes, from {@code --name=value} arguments or properties (see application.properties). */
@Component
public class OrdersSettings {

    private final String scenario;
    private final int seconds;
    private final int reportClerks;
    private final long reportMillis;
    private final long exportEveryMillis;

    public OrdersSettings(@Value("${scenario:leak}") String scenario, @Value("${seconds:20}") int seconds,
                          @Value("${orders.report-clerks:3}") int reportClerks,
                          @Value("${orders.report-millis:1500}") long reportMillis,
                          @Value("${orders.export-every-millis:1000}") long exportEveryMillis) {
        if (!scenario.equals("leak") && !scenario.equals("healthy")) {
            throw new IllegalArgumentException("unknown scenario '" + scenario + "' (leak or healthy)");
        }
        this.scenario = scenario;
        this.seconds = seconds;
        this.reportClerks = reportClerks;
        this.reportMillis = reportMillis;
        this.exportEveryMillis = exportEveryMillis;
    }

    /** leak: reports hold their connections too long and exports leak them; healthy: orders only. */
    public String scenario() {
        return scenario;
    }

    public boolean leaks() {
        return scenario.equals("leak");
    }

    public int seconds() {
        return seconds;
    }

    public int reportClerks() {
        return reportClerks;
    }

    public long reportMillis() {
        return reportMillis;
    }

    public long exportEveryMillis() {
        return exportEveryMillis;
    }
}
