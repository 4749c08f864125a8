package io.poolscope.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The options in force: parsed from the agent argument and {@code -Dpoolscope.*} system properties
 * (the agent argument wins). A bad key or value never fails: it becomes a one-line problem and the
 * default is used.
 */
public final class Options {

    public static final String SYSTEM_PROPERTY_PREFIX = "poolscope.";

    private final Map<Option<?>, Object> values;
    private final List<String> problems;
    private final boolean helpRequested;

    private Options(Map<Option<?>, Object> values, List<String> problems, boolean helpRequested) {
        this.values = values;
        this.problems = Collections.unmodifiableList(problems);
        this.helpRequested = helpRequested;
    }

    public static Options defaults() {
        return parse(null, new Properties());
    }

    public static Options parse(String agentArgument, Properties systemProperties) {
        Map<Option<?>, Object> values = new IdentityHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : systemProperties.stringPropertyNames()) {
            if (key.startsWith(SYSTEM_PROPERTY_PREFIX)) {
                String name = key.substring(SYSTEM_PROPERTY_PREFIX.length());
                if (!isInternalProperty(name)) {
                    apply("-D" + key, name, systemProperties.getProperty(key), values, problems);
                }
            }
        }
        boolean help = false;
        for (Map.Entry<String, String> pair : splitArgument(agentArgument, problems).entrySet()) {
            if (pair.getKey().equalsIgnoreCase("help")) {
                help = true;
            } else {
                apply("option", pair.getKey(), pair.getValue(), values, problems);
            }
        }
        return new Options(values, problems, help);
    }

    /** Properties poolscope sets for itself (none yet are user options). */
    private static boolean isInternalProperty(String name) {
        return name.startsWith("internal.");
    }

    private static Map<String, String> splitArgument(String argument, List<String> problems) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (argument == null || argument.trim().isEmpty()) {
            return pairs;
        }
        String listKey = null; // the last option if its value is a list: appPackages=com.acme,org.shop
        for (String part : argument.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                if (item.equalsIgnoreCase("help")) {
                    pairs.put("help", "");
                    listKey = null;
                } else if (listKey != null) {
                    pairs.put(listKey, pairs.get(listKey) + "," + item);
                } else {
                    problems.add("poolscope: option '" + item + "' has no value (expected key=value); ignored");
                }
                continue;
            }
            String key = item.substring(0, eq).trim();
            pairs.put(key, item.substring(eq + 1).trim());
            Option<?> option = Option.byName(key);
            listKey = option != null && option.isList() ? key : null;
        }
        return pairs;
    }

    private static void apply(String source, String name, String text, Map<Option<?>, Object> values, List<String> problems) {
        Option<?> option = Option.byName(name);
        if (option == null) {
            problems.add("poolscope: unknown " + source + " '" + name + "' ignored (known: " + knownNames() + ")");
            return;
        }
        try {
            values.put(option, option.parse(text));
        } catch (IllegalArgumentException e) {
            values.remove(option); // the default, as the line says, even over a valid -D value
            problems.add("poolscope: bad value '" + text + "' for " + option.name() + " (" + e.getMessage()
                    + "); using the default " + option.defaultText());
        }
    }

    private static String knownNames() {
        StringBuilder names = new StringBuilder();
        for (Option<?> option : Option.ALL) {
            names.append(names.length() == 0 ? "" : ", ").append(option.name());
        }
        return names.toString();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object value = values.get(option);
        return value == null ? option.defaultValue() : (T) value;
    }

    /** The text of each option as in force, in table order (for JMX and the dump header). */
    public Map<String, String> describe() {
        Map<String, String> described = new LinkedHashMap<>();
        for (Option<?> option : Option.ALL) {
            Object value = values.get(option);
            described.put(option.name(), value == null ? option.defaultText() : printed(option, value));
        }
        return described;
    }

    @SuppressWarnings("unchecked")
    private static <T> String printed(Option<T> option, Object value) {
        return option.print((T) value);
    }

    public List<String> problems() {
        return problems;
    }

    public boolean helpRequested() {
        return helpRequested;
    }
}
