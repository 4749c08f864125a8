package io.poolscope.jmx;

import io.poolscope.config.Formats;
import io.poolscope.record.LeaseView;
import io.poolscope.report.DumpFormatter;
import io.poolscope.report.PoolState;

import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The open types of poolscope's tables, and how rows are filled. */
final class Tables {

    static final TabularType KEY_VALUE;
    static final TabularType LEASES;
    private static final String[] KEY_VALUE_COLUMNS = {"name", "value"};
    private static final String[] LEASE_COLUMNS = {
        "index", "thread", "threadId", "ageMillis", "waitMillis", "acquiredAt", "callSite", "suspectedLeak", "stack"};

    static {
        try {
            CompositeType pair = new CompositeType("poolscope.Setting", "A name and its value",
                    KEY_VALUE_COLUMNS, KEY_VALUE_COLUMNS,
                    new OpenType<?>[]{SimpleType.STRING, SimpleType.STRING});
            KEY_VALUE = new TabularType("poolscope.Settings", "Names and values", pair, new String[]{"name"});
            CompositeType lease = new CompositeType("poolscope.Lease", "A connection out of the pool",
                    LEASE_COLUMNS,
                    new String[]{"Row number, oldest first", "Holder thread name", "Holder thread id",
                        "Held for (ms)", "Waited for it (ms)", "When it was taken", "Where it was taken",
                        "Held past leakThreshold", "Acquisition stack"},
                    new OpenType<?>[]{SimpleType.INTEGER, SimpleType.STRING, SimpleType.LONG, SimpleType.LONG,
                        SimpleType.DOUBLE, SimpleType.STRING, SimpleType.STRING, SimpleType.BOOLEAN, SimpleType.STRING});
            LEASES = new TabularType("poolscope.Leases", "Connections out of the pool, oldest first", lease,
                    new String[]{"index"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Tables() {
    }

    static TabularData keyValues(Map<String, String> values) {
        TabularDataSupport table = new TabularDataSupport(KEY_VALUE);
        values.forEach((name, value) -> table.put(row(KEY_VALUE.getRowType(), KEY_VALUE_COLUMNS, new Object[]{name, value})));
        return table;
    }

    static TabularData leases(PoolState state) {
        TabularDataSupport table = new TabularDataSupport(LEASES);
        int index = 0;
        for (LeaseView lease : state.leases) {
            StringBuilder stack = new StringBuilder();
            DumpFormatter.appendStack(stack, lease.stack(), "");
            table.put(row(LEASES.getRowType(), LEASE_COLUMNS, new Object[]{
                index++, lease.holderName(), lease.holderId(), lease.ageNanos() / 1_000_000L,
                lease.waitNanos() / 1e6, Formats.timestamp(state.wallMillis(lease.acquiredNanos())),
                lease.stack().isCaptured() ? lease.stack().callSite() : "(stack not captured)",
                lease.leakReported(), stack.toString()}));
        }
        return table;
    }

    private static CompositeDataSupport row(CompositeType type, String[] names, Object[] values) {
        Map<String, Object> items = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            items.put(names[i], values[i]);
        }
        try {
            return new CompositeDataSupport(type, items);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }
}
