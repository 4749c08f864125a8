package com.example.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The shop's staff: threads that take orders, run reports and export, until the run's time is up. */
final class Clerks {

    private static final Logger log = LoggerFactory.getLogger(Clerks.class);

    private final OrderDesk desk;
    private final ReportService reports;
    private final ExportService exports;
    private final OrdersSettings settings;
    private final AtomicLong ordersPlaced = new AtomicLong();
    private final AtomicLong reportsRun = new AtomicLong();
    private final AtomicLong exportsRun = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    Clerks(OrderDesk desk, ReportService reports, ExportService exports, OrdersSettings settings) {
        this.desk = desk;
        this.reports = reports;
        this.exports = exports;
        this.settings = settings;
    }

    /** Runs the scenario for its seconds; returns the summary line. */
    String run() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.seconds());
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            threads.add(new Thread(new Clerk(deadline, 20, this::takeOrder), "order-clerk-" + i));
        }
        if (settings.leaks()) {
            for (int i = 1; i <= settings.reportClerks(); i++) {
                threads.add(new Thread(new Clerk(deadline, 500, this::runReport), "report-clerk-" + i));
            }
            threads.add(new Thread(new Clerk(deadline, settings.exportEveryMillis(), this::export), "export-clerk"));
        }
        for (Thread thread : threads) {
            thread.setDaemon(true);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return "summary: scenario=" + settings.scenario() + " seconds=" + settings.seconds() + " ordersPlaced=" + ordersPlaced
                + " reports=" + reportsRun + " exports=" + exportsRun + " failures=" + failures;
    }

    private void takeOrder() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        desk.placeOrder("customer-" + random.nextInt(100), random.nextLong(100, 10_000));
        ordersPlaced.incrementAndGet();
    }

    private void runReport() throws InterruptedException {
        reports.monthlyReport();
        reportsRun.incrementAndGet();
    }

    private void export() throws Exception {
        exports.exportOrders();
        exportsRun.incrementAndGet();
    }

    /** One piece of a clerk's work; it may fail (a pool timeout). */
    interface Work {
        void run() throws Exception;
    }

    /** Does its work, then pauses, until the deadline; failures are counted and logged once a second at most. */
    private final class Clerk implements Runnable {
        private final long deadline;
        private final long pauseMillis;
        private final Work work;

        Clerk(long deadline, long pauseMillis, Work work) {
            this.deadline = deadline;
            this.pauseMillis = pauseMillis;
            this.work = work;
        }

        @Override
        public void run() {
            long lastLogged = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < deadline) {
                try {
                    work.run();
                } catch (Exception e) {
                    failures.incrementAndGet();
                    long now = System.nanoTime();
                    if (now - lastLogged >= TimeUnit.SECONDS.toNanos(1)) {
                        lastLogged = now;
                        log.warn("{} failed: {}", Thread.currentThread().getName(), e.toString());
                    }
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
