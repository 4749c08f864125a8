package com.example.shop;

import java.time.Duration;

/** The parsed command line: which scenario, and the settings it runs with. */
public final class CommandLine {

    public static final String USAGE =
            "usage: java -jar poolscope-test-app.jar [--scenario NAME] [--seconds N] [--pool-size N] [--threads N] [--pool LIBRARY]";

    private final boolean helpRequested;
    private final String scenarioName;
    private final ShopSettings settings;

    private CommandLine(boolean helpRequested, String scenarioName, ShopSettings settings) {
        this.helpRequested = helpRequested;
        this.scenarioName = scenarioName;
        this.settings = settings;
    }

    /** Accepts both "--option value" and "--option=value". */
    public static CommandLine parse(String... args) throws UsageException {
        String scenario = Scenarios.DEFAULT;
        ShopSettings settings = ShopSettings.defaults();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = null;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            }
            if (option.equals("--help") || option.equals("-h")) {
                return new CommandLine(true, scenario, settings);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("missing value for " + option);
                }
                value = args[++i];
            }
            switch (option) {
                case "--scenario":
                    scenario = value;
                    break;
                case "--seconds":
                    settings = settings.withDuration(Duration.ofSeconds(positive(option, value)));
                    break;
                case "--pool-size":
                    settings = settings.withPoolSize(positive(option, value));
                    break;
                case "--pool":
                    if (!com.example.shop.pool.ShopPools.NAMES.contains(value)) {
                        throw new UsageException("--pool needs one of " + com.example.shop.pool.ShopPools.NAMES + ", got '" + value + "'");
                    }
                    settings = settings.withPool(value);
                    break;
                case "--threads":
                    settings = settings.withThreads(positive(option, value));
                    break;
                default:
                    throw new UsageException("unknown option: " + option);
            }
        }
        return new CommandLine(false, scenario, settings);
    }

    public boolean helpRequested() { return helpRequested; }

    public String scenarioName() { return scenarioName; }

    public ShopSettings settings() { return settings; }

    private static int positive(String option, String value) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a whole number of at least 1, got '" + value + "'");
    }
}
