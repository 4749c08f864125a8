package com.example.shop;

import java.util.List;
import java.util.Optional;

/** The scenarios the shop can run, in the order the help text lists them. */
public final class Scenarios {

    public static final String DEFAULT = "leak";

    private static final List<Scenario> ALL = List.of(
            new LeakScenario(),
            new HealthyScenario());

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(scenario -> scenario.name().equals(name)).findFirst();
    }

    /** One line per scenario: name, description. */
    public static String describeAll() {
        int width = ALL.stream().mapToInt(scenario -> scenario.name().length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (Scenario scenario : ALL) {
            String marker = scenario.name().equals(DEFAULT) ? " (default)" : "";
            text.append(String.format("  %-" + width + "s  %s%s%n", scenario.name(), scenario.description(), marker));
        }
        return text.toString();
    }
}
