package io.poolscope.pools;

/** Names for pools that have none of their own, stable across restarts of the same configuration. */
public final class PoolNames {

    private PoolNames() {
    }

    /**
     * {@code prefix:} and the JDBC URL without credentials and without its parameters, e.g.
     * {@code agroal:jdbc:h2:mem:orders} for {@code jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1}; {@code null}
     * when there is no URL.
     */
    public static String fromUrl(String prefix, String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.trim().isEmpty()) {
            return null;
        }
        String url = Secrets.mask(jdbcUrl.trim());
        int parameters = indexOfAny(url, ';', '?');
        if (parameters > 0) {
            url = url.substring(0, parameters);
        }
        url = url.replaceAll("//[^/@]*@", "//"); // user (and masked password) before the host
        return prefix + ":" + url;
    }

    private static int indexOfAny(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        if (first < 0) {
            return second;
        }
        return second < 0 ? first : Math.min(first, second);
    }
}
