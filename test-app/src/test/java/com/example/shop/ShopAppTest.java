package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShopAppTest {

    @Test
    void unknownScenarioListsTheKnownOnesAndExitsWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ShopApp.run(new String[] {"--scenario", "meltdown"}, print(out), print(err));

        assertEquals(2, status);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("unknown scenario: meltdown"), errors);
        for (Scenario scenario : Scenarios.all()) {
            assertTrue(errors.contains(scenario.name()), errors);
        }
    }

    @Test
    void helpListsTheScenarios() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ShopApp.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()));

        assertEquals(0, status);
        String help = out.toString(StandardCharsets.UTF_8);
        for (Scenario scenario : Scenarios.all()) {
            assertTrue(help.contains(scenario.name() + " "), help);
        }
    }

    private static PrintStream print(ByteArrayOutputStream target) {
        return new PrintStream(target, true, StandardCharsets.UTF_8);
    }
}
