package io.poolscope.bench;

import java.util.List;

/** The pool libraries the benchmarks can run on. */
final class PoolLibraries {

    private static final List<PoolLibrary> ALL = List.of(new HikariLibrary(), new Dbcp2Library(), new TomcatDbcpLibrary(),
            new TomcatJdbcLibrary(), new C3p0Library(), new ViburLibrary(), new AgroalLibrary(), new DruidLibrary(),
            new H2PoolLibrary(), new UcpLibrary());

    private PoolLibraries() {
    }

    static PoolLibrary byName(String name) {
        for (PoolLibrary library : ALL) {
            if (library.name().equals(name)) {
                return library;
            }
        }
        throw new IllegalArgumentException("unknown pool '" + name + "'");
    }
}
