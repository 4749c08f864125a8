package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void defaultsToTheLeak() throws UsageException {
        CommandLine commandLine = CommandLine.parse();

        assertFalse(commandLine.helpRequested());
        assertEquals("leak", commandLine.scenarioName());
        assertEquals(8, commandLine.settings().poolSize());
        assertEquals(12, commandLine.settings().threads());
        assertEquals(Duration.ofSeconds(20), commandLine.settings().duration());
    }

    @Test
    void readsEveryOption() throws UsageException {
        CommandLine commandLine = CommandLine.parse(
                "--scenario", "healthy", "--seconds=5", "--pool-size", "3", "--threads", "6");

        assertEquals("healthy", commandLine.scenarioName());
        assertEquals(Duration.ofSeconds(5), commandLine.settings().duration());
        assertEquals(3, commandLine.settings().poolSize());
        assertEquals(6, commandLine.settings().threads());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(UsageException.class, () -> CommandLine.parse("--pool-size", "zero"));
        assertThrows(UsageException.class, () -> CommandLine.parse("--threads", "0"));
        assertThrows(UsageException.class, () -> CommandLine.parse("--seconds"));
        assertThrows(UsageException.class, () -> CommandLine.parse("--colour", "red"));
    }
}
