package io.poolscope.bench;

/** The databases a benchmark pool can connect to. */
public enum Database {

    /** In memory, in the benchmark's JVM: the pool's and the agent's costs are not hidden behind I/O. */
    H2("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", ""),

    /** A local server (trust authentication), to compare those costs with one real round trip. */
    POSTGRES(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
            System.getProperty("bench.pg.user", "postgres"),
            System.getProperty("bench.pg.password", ""));

    private final String url;
    private final String user;
    private final String password;

    Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
