package io.poolscope.pools;

import java.util.regex.Pattern;

/** Removes credentials from text that poolscope shows (JDBC URLs above all). */
public final class Secrets {

    private static final Pattern KEY_VALUE =
            Pattern.compile("(?i)((?:password|passwd|pwd|secret|token|credentials?)\\s*=)[^&;,)\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]*@");
    /** Oracle's thin driver: {@code jdbc:oracle:thin:user/password@host:1521:SID}. */
    private static final Pattern ORACLE_USER_PASSWORD = Pattern.compile("(jdbc:oracle:[a-z]+:[^/@:\\s]+/)[^@\\s]*@");

    private Secrets() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = KEY_VALUE.matcher(text).replaceAll("$1***");
        masked = ORACLE_USER_PASSWORD.matcher(masked).replaceAll("$1***@");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }
}
