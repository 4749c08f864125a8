package io.poolscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Who owns a process, by uid where {@code /proc} tells (a uid may have no name, or several, in a
 * container), by user name otherwise.
 */
final class ProcessOwner {

    private static final int UNKNOWN = -1;

    private final String name;
    private final int uid;

    private ProcessOwner(String name, int uid) {
        this.name = name;
        this.uid = uid;
    }

    /** The owner of process {@code pid}, or null if it cannot be told. */
    static ProcessOwner of(long pid) {
        String name = ProcessHandle.of(pid).flatMap(process -> process.info().user()).orElse(null);
        int uid = uidOf(Paths.get("/proc", String.valueOf(pid)));
        return name == null && uid == UNKNOWN ? null : new ProcessOwner(name == null ? String.valueOf(uid) : name, uid);
    }

    /** The user this tool runs as. */
    static ProcessOwner self() {
        return new ProcessOwner(System.getProperty("user.name"), uidOf(Paths.get("/proc/self")));
    }

    private static int uidOf(Path procEntry) {
        try {
            return Files.isDirectory(procEntry) ? (Integer) Files.getAttribute(procEntry, "unix:uid") : UNKNOWN;
        } catch (Exception | LinkageError e) {
            return UNKNOWN;
        }
    }

    String name() {
        return name;
    }

    boolean isRoot() {
        return uid == UNKNOWN ? "root".equals(name) : uid == 0;
    }

    boolean isSameUserAs(ProcessOwner other) {
        return uid != UNKNOWN && other.uid != UNKNOWN ? uid == other.uid : name.equals(other.name);
    }
}
