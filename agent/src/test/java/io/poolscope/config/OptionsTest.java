package io.poolscope.config;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    /** Every option's name in the table's order: the order help, the start line and the problems list use. */
    private static final String ALL_OPTION_NAMES = Option.ALL.stream().map(Option::name)
            .collect(java.util.stream.Collectors.joining(", "));

    private static Options parse(String agentArgument) {
        return Options.parse(agentArgument, new Properties());
    }

    private static Properties systemProperties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void noArgumentAndNoPropertiesGiveTheDefaults() {
        Options options = Options.parse(null, new Properties());

        assertEquals(seconds(30), options.get(Option.LEAK_THRESHOLD));
        assertEquals(StackMode.AUTO, options.get(Option.STACKS));
        assertEquals(64, options.get(Option.SAMPLE_RATE));
        assertEquals("stderr", options.get(Option.LOG_FILE));
        assertEquals(0L, options.get(Option.DUMP_INTERVAL));
        assertEquals(10_000, options.get(Option.MAX_LEASES));
        assertTrue(options.problems().isEmpty());
        assertFalse(options.helpRequested());
    }

    @Test
    void agentArgumentSetsOptions() {
        Options options = parse("leakThreshold=5s, stacks=full ,sampleRate=4,maxLeases=7,logFile=/var/log/poolscope.log");

        assertEquals(seconds(5), options.get(Option.LEAK_THRESHOLD));
        assertEquals(StackMode.FULL, options.get(Option.STACKS));
        assertEquals(4, options.get(Option.SAMPLE_RATE));
        assertEquals(7, options.get(Option.MAX_LEASES));
        assertEquals("/var/log/poolscope.log", options.get(Option.LOG_FILE));
        assertTrue(options.problems().isEmpty(), () -> "problems: " + options.problems());
    }

    @Test
    void optionNamesAreCaseInsensitive() {
        Options options = parse("LEAKTHRESHOLD=2s,Stacks=OFF");

        assertEquals(seconds(2), options.get(Option.LEAK_THRESHOLD));
        assertEquals(StackMode.OFF, options.get(Option.STACKS));
        assertTrue(options.problems().isEmpty());
    }

    @Test
    void systemPropertiesSetOptions() {
        Options options = Options.parse(null, systemProperties(
                "poolscope.leakThreshold", "2s", "poolscope.stacks", "off", "poolscope.maxCallSites", "12"));

        assertEquals(seconds(2), options.get(Option.LEAK_THRESHOLD));
        assertEquals(StackMode.OFF, options.get(Option.STACKS));
        assertEquals(12, options.get(Option.MAX_CALL_SITES));
        assertTrue(options.problems().isEmpty());
    }

    @Test
    void agentArgumentWinsOverSystemProperty() {
        Options options = Options.parse("leakThreshold=3s",
                systemProperties("poolscope.leakThreshold", "2s", "poolscope.dumpCooldown", "1m"));

        assertEquals(seconds(3), options.get(Option.LEAK_THRESHOLD));
        assertEquals(seconds(60), options.get(Option.DUMP_COOLDOWN), "a property the argument does not set still applies");
        assertTrue(options.problems().isEmpty());
    }

    @Test
    void unrelatedAndInternalSystemPropertiesAreIgnored() {
        Options options = Options.parse(null, systemProperties(
                "java.vendor", "someone", "poolscopeX", "1", "poolscope.internal.bootJar", "/tmp/boot.jar"));

        assertTrue(options.problems().isEmpty(), () -> "problems: " + options.problems());
    }

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
            "500ms, 500000000",
            "2s, 2000000000",
            "1m, 60000000000",
            "1h, 3600000000000",
            "250us, 250000",
            "0, 0",
            "750, 750000000",
            "2S, 2000000000"
    })
    void durationsAcceptUnitsAndABareNumberIsMilliseconds(String text, long nanos) {
        Options options = parse("leakThreshold=" + text + ",dumpInterval=" + text);

        assertEquals(nanos, options.get(Option.LEAK_THRESHOLD));
        assertEquals(nanos, options.get(Option.DUMP_INTERVAL));
        assertTrue(options.problems().isEmpty(), () -> "problems: " + options.problems());
    }

    @Test
    void unknownKeyInTheArgumentIsOneProblemNamingItAndTheKnownKeys() {
        Options options = parse("leakTreshold=5s,stacks=full");

        assertEquals(1, options.problems().size());
        String problem = options.problems().get(0);
        assertTrue(problem.contains("'leakTreshold'"), problem);
        assertTrue(problem.contains("(known: " + ALL_OPTION_NAMES + ")"), problem);
        assertFalse(problem.contains("\n"), "one line");
        assertEquals(seconds(30), options.get(Option.LEAK_THRESHOLD), "the default is kept");
        assertEquals(StackMode.FULL, options.get(Option.STACKS), "the other options still apply");
    }

    @Test
    void unknownSystemPropertyIsOneProblemNamingIt() {
        Options options = Options.parse(null, systemProperties("poolscope.stack", "full"));

        assertEquals(1, options.problems().size());
        String problem = options.problems().get(0);
        assertTrue(problem.contains("-Dpoolscope.stack"), problem);
        assertTrue(problem.contains("'stack'"), problem);
        assertTrue(problem.contains(ALL_OPTION_NAMES), problem);
        assertEquals(StackMode.AUTO, options.get(Option.STACKS));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "leakThreshold, soon, 30s",
            "leakThreshold, -5s, 30s",
            "leakThreshold, 1.5s, 30s",
            "stacks, sometimes, auto",
            "maxLeases, many, 10000",
            "maxStackDepth, 0, 40",
            "sampleRate, 3, 64"
    })
    void badValueIsOneProblemNamingOptionValueAndDefault(String name, String badValue, String defaultText) {
        Options options = parse(name + "=" + badValue);

        assertEquals(1, options.problems().size());
        String problem = options.problems().get(0);
        assertTrue(problem.contains("'" + badValue + "'"), problem);
        assertTrue(problem.contains(" for " + name + " "), problem);
        assertTrue(problem.endsWith("using the default " + defaultText), problem);
        assertFalse(problem.contains("\n"), "one line");
        Option<?> option = Option.byName(name);
        assertEquals(option.defaultValue(), options.get(option), "the default is used");
    }

    @Test
    void badValueInASystemPropertyKeepsTheDefault() {
        Options options = Options.parse(null, systemProperties("poolscope.maxLeases", "lots"));

        assertEquals(1, options.problems().size());
        assertTrue(options.problems().get(0).contains("'lots' for maxLeases"), options.problems().get(0));
        assertEquals(10_000, options.get(Option.MAX_LEASES));
    }

    @Test
    void badArgumentValueOverASystemPropertyUsesWhatTheProblemLineSays() {
        Options options = Options.parse("leakThreshold=soon", systemProperties("poolscope.leakThreshold", "5s"));

        assertEquals(1, options.problems().size());
        assertTrue(options.problems().get(0).endsWith("using the default 30s"), options.problems().get(0));
        assertEquals(seconds(30), options.get(Option.LEAK_THRESHOLD));
    }

    @Test
    void keyWithoutValueIsAProblem() {
        Options options = parse("stacks,leakThreshold=1s");

        assertEquals(1, options.problems().size());
        assertTrue(options.problems().get(0).contains("'stacks' has no value"), options.problems().get(0));
        assertEquals(StackMode.AUTO, options.get(Option.STACKS));
        assertEquals(seconds(1), options.get(Option.LEAK_THRESHOLD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "8", "1024"})
    void sampleRateAcceptsPowersOfTwo(String rate) {
        Options options = parse("sampleRate=" + rate);

        assertEquals(Integer.parseInt(rate), options.get(Option.SAMPLE_RATE));
        assertTrue(options.problems().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3", "12", "-4", "x"})
    void sampleRateRejectsAnythingElse(String rate) {
        Options options = parse("sampleRate=" + rate);

        assertEquals(64, options.get(Option.SAMPLE_RATE));
        assertEquals(1, options.problems().size());
        assertTrue(options.problems().get(0).contains("for sampleRate"), options.problems().get(0));
    }

    @Test
    void helpFlagIsRecognisedAloneOrAmongOptions() {
        assertTrue(parse("help").helpRequested());
        assertTrue(parse("stacks=full,HELP").helpRequested());
        assertTrue(parse("stacks=full,HELP").problems().isEmpty());
        assertFalse(parse("stacks=full").helpRequested());
        assertFalse(Options.defaults().helpRequested());
    }

    @Test
    void describeShowsDefaultsAsTheirDefaultText() {
        Map<String, String> described = Options.defaults().describe();

        assertEquals(Option.ALL.size(), described.size());
        for (Option<?> option : Option.ALL) {
            assertEquals(option.defaultText(), described.get(option.name()), option.name());
        }
    }

    @Test
    void describeShowsValuesAsWrittenInTableOrder() {
        Map<String, String> described = parse(
                "maxLeases=7,stacks=full,sampleRate=4,logFile=/var/log/poolscope.log,leakThreshold=500ms,dumpInterval=0")
                .describe();

        assertEquals("7", described.get("maxLeases"));
        assertEquals("full", described.get("stacks"));
        assertEquals("4", described.get("sampleRate"));
        assertEquals("/var/log/poolscope.log", described.get("logFile"));
        assertEquals("500ms", described.get("leakThreshold"));
        assertEquals("0", described.get("dumpInterval"));
        assertEquals("30s", described.get("dumpCooldown"), "options not given show their default");
        assertEquals(ALL_OPTION_NAMES, String.join(", ", described.keySet()));
    }

    @Test
    void describeShowsWholeSecondsAndMinutesAsWritten() {
        Map<String, String> described = parse("leakThreshold=2s,dumpCooldown=1m").describe();

        assertEquals("2s", described.get("leakThreshold"));
        assertEquals("1m", described.get("dumpCooldown"));
        Options again = parse("leakThreshold=" + described.get("leakThreshold")
                + ",dumpCooldown=" + described.get("dumpCooldown"));
        assertTrue(again.problems().isEmpty(), () -> "what describe() shows does not parse back: " + again.problems());
    }

    @Test
    void helpTextListsEveryOptionWithItsDefaultAndHelp() {
        String help = Option.helpText();

        for (Option<?> option : Option.ALL) {
            String line = lineStartingWith(help, "  " + option.name() + "=" + option.defaultText() + " ");
            assertTrue(line.endsWith(option.help()), line);
        }
        assertTrue(help.contains("a bare number is milliseconds"), help);
    }

    @ParameterizedTest
    @CsvSource({"50MB,52428800", "10KB,10240", "10kb,10240", "1GB,1073741824", "2M,2097152", "512B,512", "4096,4096", "0,0"})
    void logSizesParse(String text, long bytes) {
        Options options = parse("maxLogSize=" + text);

        assertTrue(options.problems().isEmpty(), () -> options.problems().toString());
        assertEquals(bytes, options.get(Option.MAX_LOG_SIZE));
    }

    @Test
    void logDefaultsAreFiftyMegabytesAndFiveFiles() {
        Options options = parse(null);

        assertEquals(50L << 20, options.get(Option.MAX_LOG_SIZE));
        assertEquals(5, options.get(Option.MAX_LOG_FILES));
        assertEquals("50MB", options.describe().get("maxLogSize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "10XB", "-1", "MB", "1.5MB", "99999999999999999GB"})
    void badLogSizeGivesOneLineAndTheDefault(String text) {
        Options options = parse("maxLogSize=" + text);

        assertEquals(1, options.problems().size(), () -> options.problems().toString());
        assertEquals("poolscope: bad value '" + text + "' for maxLogSize (expected a size such as 10KB, 50MB, 1GB or a number of bytes); using the default 50MB",
                options.problems().get(0));
        assertEquals(50L << 20, options.get(Option.MAX_LOG_SIZE));
    }

    @Test
    void logFormatIsTextOrJson() {
        assertEquals("text", parse(null).get(Option.LOG_FORMAT));
        assertEquals("json", parse("logFormat=JSON").get(Option.LOG_FORMAT));
        Options bad = parse("logFormat=xml");
        assertEquals("poolscope: bad value 'xml' for logFormat (expected text or json); using the default text",
                bad.problems().get(0));
        assertEquals("text", bad.get(Option.LOG_FORMAT));
    }

    @Test
    void describedSizesParseBack() {
        Map<String, String> described = parse("maxLogSize=1536,maxLogFiles=3").describe();

        assertEquals("1536B", described.get("maxLogSize"));
        assertEquals("3", described.get("maxLogFiles"));
        assertEquals(1536L, parse("maxLogSize=" + described.get("maxLogSize")).get(Option.MAX_LOG_SIZE));
    }

    @Test
    void appPackagesTakeTheCommasThatFollowInTheAgentArgument() {
        Options options = parse("appPackages=com.acme,org.shop.web,stacks=full,frameworkPackages=+com.corp.dao,+com.corp.util");

        assertTrue(options.problems().isEmpty(), () -> "problems: " + options.problems());
        assertEquals(java.util.List.of("com.acme.", "org.shop.web."), options.get(Option.APP_PACKAGES));
        assertEquals(java.util.List.of("+com.corp.dao.", "+com.corp.util."), options.get(Option.FRAMEWORK_PACKAGES));
        assertEquals(StackMode.FULL, options.get(Option.STACKS));
        assertEquals("com.acme,org.shop.web", options.describe().get("appPackages"));
        assertEquals("+com.corp.dao,+com.corp.util", options.describe().get("frameworkPackages"));
    }

    @Test
    void appPackagesAsASystemPropertyAndTheirDefaults() {
        Options options = Options.parse(null, systemProperties("poolscope.appPackages", "com.acme.*, org.shop."));

        assertEquals(java.util.List.of("com.acme.", "org.shop."), options.get(Option.APP_PACKAGES));
        assertEquals(java.util.List.of(), parse(null).get(Option.APP_PACKAGES));
        assertEquals("none", parse(null).describe().get("appPackages"));
        assertEquals("none", parse(null).describe().get("frameworkPackages"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"appPackages=com..acme", "appPackages=1com", "appPackages=com.acme-web",
        "frameworkPackages=com.corp.dao", "frameworkPackages=-com.corp.dao", "frameworkPackages=-java", "frameworkPackages=+"})
    void badPackageListsAreOneProblemAndKeepTheDefault(String argument) {
        Options options = parse(argument);

        assertEquals(1, options.problems().size(), () -> "problems: " + options.problems());
        assertTrue(options.problems().get(0).startsWith("poolscope: bad value '"), options.problems().get(0));
        assertEquals(java.util.List.of(), options.get(Option.APP_PACKAGES));
        assertEquals(java.util.List.of(), options.get(Option.FRAMEWORK_PACKAGES));
    }

    @Test
    void aBuiltInFrameworkPackageCanBeTakenOut() {
        Options options = parse("frameworkPackages=-org.jooq,+com.corp.dao");

        assertTrue(options.problems().isEmpty(), () -> "problems: " + options.problems());
        assertEquals(java.util.List.of("-org.jooq.", "+com.corp.dao."), options.get(Option.FRAMEWORK_PACKAGES));
    }

    @Test
    void anItemWithoutValueAfterAnOptionThatIsNoListIsStillAProblem() {
        Options options = parse("leakThreshold=5s,com.acme");

        assertEquals(1, options.problems().size(), () -> "problems: " + options.problems());
        assertTrue(options.problems().get(0).contains("'com.acme' has no value"), options.problems().get(0));
        assertEquals(seconds(5), options.get(Option.LEAK_THRESHOLD));
    }

    @Test
    void helpShowsTheFrameworkLayers() {
        String help = Option.helpText();

        for (FrameLayers.Layer layer : FrameLayers.ALL) {
            String line = lineStartingWith(help, "  " + layer.name() + " ");
            for (String prefix : layer.prefixes()) {
                assertTrue(line.contains(prefix), line);
            }
            for (String marker : layer.markers()) {
                assertTrue(line.contains(marker), line);
            }
        }
        assertTrue(help.contains("org.springframework.") && help.contains("$$SpringCGLIB$$") && help.contains("kotlinx.coroutines."), help);
    }

    private static String lineStartingWith(String text, String prefix) {
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in:\n" + text);
    }
}
