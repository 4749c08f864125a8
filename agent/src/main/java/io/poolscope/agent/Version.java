package io.poolscope.agent;

import java.security.CodeSource;

/** The agent's version and where its jar is. */
public final class Version {

    private Version() {
    }

    public static String version() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static String jarLocation() {
        try {
            CodeSource source = Version.class.getProtectionDomain().getCodeSource();
            return source == null ? "unknown location" : source.getLocation().getPath();
        } catch (RuntimeException e) {
            return "unknown location";
        }
    }
}
