package io.poolscope.pools;

import io.poolscope.pools.c3p0.C3p0Adapter;
import io.poolscope.pools.h2.H2PoolAdapter;
import io.poolscope.pools.hikari.HikariAdapter;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every supported pool library. Adding one is one line here and one package beside this class. */
public final class PoolAdapters {

    private static final List<PoolAdapter> ALL = Collections.unmodifiableList(Arrays.asList(
            new HikariAdapter(),
            new C3p0Adapter(),
            new H2PoolAdapter()));

    private PoolAdapters() {
    }

    public static List<PoolAdapter> all() {
        return ALL;
    }

    /** The introspector for a pool object's class (or one of its superclasses), or {@code null}. */
    public static PoolIntrospector introspectorFor(Class<?> poolClass) {
        for (Class<?> type = poolClass; type != null; type = type.getSuperclass()) {
            for (PoolAdapter adapter : ALL) {
                if (adapter.poolClassNames().contains(type.getName())) {
                    return adapter.introspector();
                }
            }
        }
        return null;
    }
}
