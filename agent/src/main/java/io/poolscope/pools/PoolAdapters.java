package io.poolscope.pools;

import io.poolscope.pools.agroal.AgroalAdapter;
import io.poolscope.pools.c3p0.C3p0Adapter;
import io.poolscope.pools.dbcp2.Dbcp2Adapter;
import io.poolscope.pools.druid.DruidAdapter;
import io.poolscope.pools.generic.GenericIntrospector;
import io.poolscope.pools.h2.H2PoolAdapter;
import io.poolscope.pools.hikari.HikariAdapter;
import io.poolscope.pools.tomcatjdbc.TomcatJdbcAdapter;
import io.poolscope.pools.ucp.UcpAdapter;
import io.poolscope.pools.vibur.ViburAdapter;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every supported pool library. Adding one is one line here and one package beside this class. */
public final class PoolAdapters {

    private static final List<PoolAdapter> ALL = Collections.unmodifiableList(Arrays.asList(
            new HikariAdapter(),
            Dbcp2Adapter.commons(),
            Dbcp2Adapter.tomcat(),
            new UcpAdapter(),
            new TomcatJdbcAdapter(),
            new ViburAdapter(),
            new C3p0Adapter(),
            new H2PoolAdapter(),
            new AgroalAdapter(),
            new DruidAdapter()));

    private PoolAdapters() {
    }

    public static List<PoolAdapter> all() {
        return ALL;
    }

    /**
     * The introspector for a pool object's class (or one of its superclasses); {@code null} below a
     * class an adapter excludes; for a {@code javax.sql.DataSource} no adapter knows, which only the
     * generic fallback hands over, the generic one; else {@code null}.
     */
    public static PoolIntrospector introspectorFor(Class<?> poolClass) {
        for (Class<?> type = poolClass; type != null; type = type.getSuperclass()) {
            for (PoolAdapter adapter : ALL) {
                if (adapter.excludedPoolClassNames().contains(type.getName())) {
                    return null;
                }
                if (adapter.poolClassNames().contains(type.getName())) {
                    return adapter.introspector();
                }
            }
        }
        if (poolClass != null && javax.sql.DataSource.class.isAssignableFrom(poolClass)) {
            return GenericIntrospector.of(poolClass);
        }
        return null;
    }
}
