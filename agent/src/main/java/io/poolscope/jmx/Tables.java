package io.poolscope.jmx;

import io.poolscope.diagnose.Verdict;

import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import java.util.List;
import java.util.Map;

/**
 * The open types of poolscope's tables and composites, each item with a description. Tables are
 * keyed by {@code index}, the row's rank: JConsole orders rows by their key, so they show in the
 * order poolscope means (oldest lease first, busiest call site first, longest waiter first).
 */
final class Tables {

    /** One item of a composite type: name, description, type. */
    static final class Item {
        final String name;
        final String description;
        final OpenType<?> type;

        Item(String name, String description, OpenType<?> type) {
            this.name = name;
            this.description = description;
            this.type = type;
        }
    }

    static Item item(String name, String description, OpenType<?> type) {
        return new Item(name, description, type);
    }

    /** Item names of each composite type in the order they were declared (the type itself sorts them). */
    private static final Map<CompositeType, List<String>> ORDER = new java.util.concurrent.ConcurrentHashMap<>();

    static final TabularType KEY_VALUE;
    static final TabularType LEASES;
    static final TabularType CALL_SITES;
    static final TabularType WAITERS;
    static final CompositeType VERDICT_NUMBERS;

    static {
        try {
            KEY_VALUE = new TabularType("poolscope.Settings", "Names and values",
                    composite("poolscope.Setting", "A name and its value",
                            item("name", "The name", SimpleType.STRING),
                            item("value", "Its value", SimpleType.STRING)),
                    new String[]{"name"});
            LEASES = table("poolscope.Leases", "Connections out of the pool, oldest first",
                    composite("poolscope.Lease", "A connection out of the pool",
                            item("index", "Rank, oldest lease first (0 = the oldest)", SimpleType.INTEGER),
                            item("thread", "Name of the thread that took the connection", SimpleType.STRING),
                            item("threadId", "Id of that thread", SimpleType.LONG),
                            item("threadState", "That thread's state now (TERMINATED if it has ended)", SimpleType.STRING),
                            item("ageMillis", "How long the connection has been out, in milliseconds", SimpleType.LONG),
                            item("waitMillis", "How long the thread waited to get it, in milliseconds", SimpleType.DOUBLE),
                            item("acquiredAt", "When it was taken (local time)", SimpleType.STRING),
                            item("callSite", "Where it was taken: the first application frame of the acquisition stack",
                                    SimpleType.STRING),
                            item("suspectedLeak", "Whether it has been held past leakThreshold", SimpleType.BOOLEAN),
                            item("stack", "The acquisition stack, one frame per line, as Java prints stack traces",
                                    SimpleType.STRING)));
            CALL_SITES = table("poolscope.CallSites", "Where connections are taken, the sites holding the most first",
                    composite("poolscope.CallSite", "One call site of the pool",
                            item("index", "Rank: most connections out first, then the most long leases; the leases without"
                                    + " a recorded stack last", SimpleType.INTEGER),
                            item("callSite", "The first application frame of the acquisition stack", SimpleType.STRING),
                            item("liveLeases", "Connections taken here and out now", SimpleType.INTEGER),
                            item("oldestAgeMillis", "How long the oldest of them has been out, in milliseconds (0 if none)",
                                    SimpleType.LONG),
                            item("longLeasesSinceStart", "Leases taken here and held 0.5 s or more that ended, since start"
                                    + " or resetStatistics (shorter leases are not attributed to a call site)",
                                    SimpleType.LONG),
                            item("meanLongHoldMillis", "Their mean hold time, in milliseconds", SimpleType.DOUBLE),
                            item("timeoutsWhileHeld", "Acquire timeouts of the pool while a connection taken here was out",
                                    SimpleType.LONG)));
            WAITERS = table("poolscope.Waiters", "Threads waiting for a connection, the longest waiter first",
                    composite("poolscope.Waiter", "A thread in the pool's acquire method",
                            item("index", "Rank, the longest waiter first", SimpleType.INTEGER),
                            item("thread", "The thread's name", SimpleType.STRING),
                            item("threadId", "The thread's id", SimpleType.LONG),
                            item("threadState", "The thread's state now", SimpleType.STRING),
                            item("waitingMillis", "How long it has waited so far, in milliseconds", SimpleType.LONG),
                            item("callSite", "Where it asks for the connection: the first application frame of its stack",
                                    SimpleType.STRING)));
            List<String> names = Verdict.numberNames();
            Item[] numbers = new Item[names.size()];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = item(names.get(i), Verdict.describeNumber(names.get(i)), SimpleType.LONG);
            }
            VERDICT_NUMBERS = composite("poolscope.VerdictNumbers", "The numbers behind the verdict", numbers);
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tables() {
    }

    static CompositeType composite(String name, String description, Item... items) throws OpenDataException {
        String[] names = new String[items.length];
        String[] descriptions = new String[items.length];
        OpenType<?>[] types = new OpenType<?>[items.length];
        for (int i = 0; i < items.length; i++) {
            names[i] = items[i].name;
            descriptions[i] = items[i].description;
            types[i] = items[i].type;
        }
        CompositeType type = new CompositeType(name, description, names, descriptions, types);
        ORDER.put(type, java.util.Arrays.asList(names));
        return type;
    }

    private static TabularType table(String name, String description, CompositeType row) throws OpenDataException {
        return new TabularType(name, description, row, new String[]{"index"});
    }

    static TabularData keyValues(Map<String, String> values) {
        TabularDataSupport table = new TabularDataSupport(KEY_VALUE);
        values.forEach((name, value) -> table.put(row(KEY_VALUE.getRowType(), name, String.valueOf(value))));
        return table;
    }

    /** A row of {@code type}, its values in the type's item order. */
    static CompositeDataSupport row(CompositeType type, Object... values) {
        String[] names = type.keySet().toArray(new String[0]); // CompositeType keeps its items sorted by name
        Object[] ordered = new Object[names.length];
        int i = 0;
        for (String name : itemOrder(type)) {
            ordered[indexOf(names, name)] = values[i++];
        }
        try {
            return new CompositeDataSupport(type, names, ordered);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> itemOrder(CompositeType type) {
        List<String> order = ORDER.get(type);
        if (order == null) {
            throw new IllegalStateException("no declared order for " + type.getTypeName());
        }
        return order;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
