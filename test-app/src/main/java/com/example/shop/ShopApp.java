package com.example.shop;

import java.io.PrintStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: runs one scenario against the shop and prints what happened. */
public final class ShopApp {

    private static final Logger log = LoggerFactory.getLogger(ShopApp.class);

    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int BAD_USAGE = 2;

    private ShopApp() {
    }

    public static void main(String[] args) {
        // Exit explicitly: threads still holding leaked connections must not keep the JVM alive.
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(help());
            return BAD_USAGE;
        }
        if (commandLine.helpRequested()) {
            out.print(help());
            return OK;
        }
        Optional<Scenario> scenario = Scenarios.byName(commandLine.scenarioName());
        if (scenario.isEmpty()) {
            err.println("unknown scenario: " + commandLine.scenarioName());
            err.print("scenarios:" + System.lineSeparator() + Scenarios.describeAll());
            return BAD_USAGE;
        }
        ShopSettings settings = commandLine.settings();
        log.info("scenario '{}' for {}s: pool {} of size {}, {} shoppers", scenario.get().name(),
                settings.duration().getSeconds(), settings.pool(), settings.poolSize(), settings.threads());
        try {
            out.println(ScenarioRunner.run(scenario.get(), settings));
            return OK;
        } catch (Exception e) {
            log.error("the shop could not run", e);
            return FAILED;
        }
    }

    private static String help() {
        ShopSettings defaults = ShopSettings.defaults();
        String newline = System.lineSeparator();
        return CommandLine.USAGE + newline
                + newline
                + "  --scenario NAME   which outage to reproduce (default " + Scenarios.DEFAULT + ")" + newline
                + "  --seconds N       how long the shoppers shop (default " + defaults.duration().getSeconds() + ")" + newline
                + "  --pool-size N     maximum connections in the pool (default " + defaults.poolSize() + ")" + newline
                + "  --threads N       concurrent shoppers (default " + defaults.threads() + ")" + newline
                + "  --pool LIBRARY    the pool library: " + String.join(", ", com.example.shop.pool.ShopPools.NAMES)
                + " (default " + defaults.pool() + ")" + newline
                + newline
                + "scenarios:" + newline
                + Scenarios.describeAll();
    }
}
