package io.poolscope.pools.generic;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.PoolNames;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a data source the generic fallback tracks: a class poolscope knows nothing about. Its name
 * is {@code generic:<class simple name>}, with the JDBC URL where a {@code getUrl()},
 * {@code getURL()} or {@code getJdbcUrl()} getter gives one ({@code generic:JdbcDataSource:jdbc:h2:mem:orders});
 * it has no counters, no maximum and no timeout of its own. Its frames (the data source's class and
 * superclasses) are trimmed from acquisition stacks.
 */
public final class GenericIntrospector implements PoolIntrospector {

    public static final String LIBRARY = "generic";
    private static final String[] URL_GETTERS = {"getUrl", "getURL", "getJdbcUrl"};

    private final List<String> framePrefixes;

    private GenericIntrospector(List<String> framePrefixes) {
        this.framePrefixes = framePrefixes;
    }

    /** The introspector of data sources of {@code type}. */
    public static GenericIntrospector of(Class<?> type) {
        List<String> prefixes = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            String name = current.getName();
            if (!name.startsWith("java.") && !name.startsWith("javax.")) {
                prefixes.add(name); // also matches its nested classes and lambdas
            }
        }
        return new GenericIntrospector(Collections.unmodifiableList(prefixes));
    }

    @Override
    public String library() {
        return LIBRARY;
    }

    @Override
    public String poolName(Object dataSource) {
        String base = "generic:" + simpleName(dataSource.getClass());
        String named = PoolNames.fromUrl(base, url(dataSource));
        return named == null ? base : named;
    }

    static String simpleName(Class<?> type) {
        String simple = type.getSimpleName();
        if (!simple.isEmpty()) {
            return simple;
        }
        String name = type.getName(); // anonymous or hidden: the last part of the binary name
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String url(Object dataSource) {
        for (String getter : URL_GETTERS) {
            Object url = Reflection.call(dataSource, getter);
            if (url != null && !url.toString().trim().isEmpty()) {
                return url.toString();
            }
        }
        return null;
    }

    @Override
    public Map<String, String> settings(Object dataSource) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("dataSourceClass", dataSource.getClass().getName());
        String url = url(dataSource);
        if (url != null) {
            settings.put("url", Secrets.mask(url));
        }
        Reflection.putGetter(settings, "loginTimeoutSec", dataSource, "getLoginTimeout");
        return settings;
    }

    @Override
    public PoolCounters counters(Object dataSource) {
        return PoolCounters.UNKNOWN;
    }

    @Override
    public int maxConnections(Object dataSource) {
        return -1;
    }

    /** No timeout to tell apart: every throw is a failure. */
    @Override
    public boolean isTimeout(Throwable thrown) {
        return false;
    }

    @Override
    public List<String> framePrefixes() {
        return framePrefixes;
    }
}
