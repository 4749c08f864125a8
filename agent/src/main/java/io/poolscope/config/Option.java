package io.poolscope.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One agent option: its name, default, parser and help text. Every option is declared here, once;
 * the parser, {@code help}, JMX and the README all read this table.
 */
public final class Option<T> {

    public static final Option<Long> LEAK_THRESHOLD = Option.duration("leakThreshold", "30s",
            "A lease held longer than this is logged once as a suspected leak (0 = off)");
    public static final Option<String> LOG_FILE = new Option<>("logFile", "stderr", Parsers::nonEmpty,
            "Where poolscope writes its log and dumps: a file path (%p is replaced by the pid, %t by the start time), stderr or stdout");
    public static final Option<Long> MAX_LOG_SIZE = new Option<>("maxLogSize", "50MB", Parsers::sizeBytes, Formats::size,
            "When the log file passes this size it is rotated to logFile.1, logFile.2, ... (0 = never)");
    public static final Option<Integer> MAX_LOG_FILES = new Option<>("maxLogFiles", "5", Parsers::positiveInt,
            "Log files kept, the current one included; the oldest is dropped at rotation");
    public static final Option<String> LOG_FORMAT = new Option<>("logFormat", "text", Parsers::logFormat,
            "text (lines as people read them) or json (one JSON object per line, for log shippers)");
    public static final Option<StackMode> STACKS = new Option<>("stacks", "auto", StackMode::parse,
            "Acquisition stacks: off; auto (sampled while the pool is healthy, every lease once it is under pressure); full");
    public static final Option<Integer> SAMPLE_RATE = new Option<>("sampleRate", "64", Parsers::powerOfTwo,
            "In stacks=auto, 1 in this many leases of a healthy pool keeps its stack (a power of two)");
    public static final Option<Long> DUMP_INTERVAL = Option.duration("dumpInterval", "0",
            "Write a dump of every pool this often (0 = off)");
    public static final Option<Long> SLOW_ACQUIRE = Option.duration("slowAcquire", "5s",
            "A thread waiting longer than this for a connection gets the pool dumped while it waits, as a timeout does (0 = off)");
    public static final Option<Long> DUMP_COOLDOWN = Option.duration("dumpCooldown", "30s",
            "At most one exhaustion dump (and one slow-acquire dump) per pool in this time; later ones are counted");
    public static final Option<Integer> MAX_STACK_DEPTH = new Option<>("maxStackDepth", "40", Parsers::positiveInt,
            "Lines per acquisition stack after the pool's and poolscope's frames are trimmed; a longer stack keeps the frames"
                    + " nearest the call and the application's, and folds each run of framework frames into one line");
    public static final Option<Integer> MAX_LEASES = new Option<>("maxLeases", "10000", Parsers::positiveInt,
            "Connections tracked per pool; beyond this, leases are counted but not listed");
    public static final Option<Integer> MAX_LEASES_SHOWN = new Option<>("maxLeasesShown", "500", Parsers::positiveInt,
            "Leases listed in a pool MBean's Leases table (and rows of its CallSites and Waiters), oldest first;"
                    + " the rest are counted (LeasesNotShown)");
    public static final Option<Integer> MAX_CALL_SITES = new Option<>("maxCallSites", "2000", Parsers::positiveInt,
            "Distinct acquisition stacks kept; beyond this, new ones are counted but not stored");

    public static final Option<List<String>> APP_PACKAGES = new Option<>("appPackages", Parsers.NONE, Parsers::packages,
            Parsers::printPackages, true,
            "The application's packages, e.g. com.acme,org.shop: the first frame in them is a lease's call site, even inside"
                    + " a framework's packages (none = the first frame outside the framework layers below)");
    public static final Option<List<String>> FRAMEWORK_PACKAGES = new Option<>("frameworkPackages", Parsers.NONE,
            Parsers::packageEdits, Parsers::printPackages, true,
            "Changes to the framework layers below: +com.corp.dao adds a package, -org.jooq takes a built-in one out");

    public static final Option<Boolean> GENERIC = new Option<>("generic", "off", Parsers::onOff,
            value -> value ? "on" : "off",
            "on: also track getConnection() of any javax.sql.DataSource no pool adapter covers, and the close() of the"
                    + " Connection it returns (no wait/timeout split, no pool counters); read when poolscope is loaded");

    public static final List<Option<?>> ALL = Collections.unmodifiableList(Arrays.asList(
            LEAK_THRESHOLD, LOG_FILE, MAX_LOG_SIZE, MAX_LOG_FILES, LOG_FORMAT, STACKS, SAMPLE_RATE, DUMP_INTERVAL, SLOW_ACQUIRE, DUMP_COOLDOWN,
            MAX_STACK_DEPTH, MAX_LEASES, MAX_LEASES_SHOWN, MAX_CALL_SITES, GENERIC, APP_PACKAGES, FRAMEWORK_PACKAGES));

    private final String name;
    private final String defaultText;
    private final Function<String, T> parser;
    private final String help;
    private final Function<T, String> printer;
    private final T defaultValue;
    private final boolean list;

    private Option(String name, String defaultText, Function<String, T> parser, String help) {
        this(name, defaultText, parser, String::valueOf, help);
    }

    private Option(String name, String defaultText, Function<String, T> parser, Function<T, String> printer, String help) {
        this(name, defaultText, parser, printer, false, help);
    }

    private Option(String name, String defaultText, Function<String, T> parser, Function<T, String> printer, boolean list,
                   String help) {
        this.name = name;
        this.defaultText = defaultText;
        this.parser = parser;
        this.printer = printer;
        this.list = list;
        this.help = help;
        this.defaultValue = parser.apply(defaultText);
    }

    private static Option<Long> duration(String name, String defaultText, String help) {
        return new Option<>(name, defaultText, Parsers::durationNanos,
                Formats::wholeDuration, help);
    }

    /** The value as a person would write it. */
    public String print(T value) {
        return printer.apply(value);
    }

    public String name() {
        return name;
    }

    public String defaultText() {
        return defaultText;
    }

    public String help() {
        return help;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Whether the value is a comma-separated list: in the agent argument, where commas also separate
     * the options, an item without {@code =} after such an option continues its value.
     */
    public boolean isList() {
        return list;
    }

    /** Parses a value; throws {@link IllegalArgumentException} with a reason when it is not valid. */
    public T parse(String text) {
        return parser.apply(text.trim());
    }

    public static Option<?> byName(String name) {
        for (Option<?> option : ALL) {
            if (option.name.equalsIgnoreCase(name)) {
                return option;
            }
        }
        return null;
    }

    /** The option table as text, for {@code help}. */
    public static String helpText() {
        StringBuilder text = new StringBuilder();
        text.append("poolscope options (-javaagent:poolscope-agent.jar=key=value,key=value or -Dpoolscope.key=value):\n");
        int width = 0;
        for (Option<?> option : ALL) {
            width = Math.max(width, option.name.length() + option.defaultText.length() + 3);
        }
        for (Option<?> option : ALL) {
            String head = option.name + "=" + option.defaultText;
            text.append("  ").append(head);
            for (int i = head.length(); i < width; i++) {
                text.append(' ');
            }
            text.append(option.help).append('\n');
        }
        text.append("Durations: 500ms, 2s, 1m, 1h (a bare number is milliseconds). Sizes: 10KB, 50MB, 1GB (a bare number is bytes).\n");
        text.append(FrameLayers.helpText());
        text.setLength(text.length() - 1);
        return text.toString();
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT);
    }
}
