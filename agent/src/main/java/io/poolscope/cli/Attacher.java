package io.poolscope.cli;

import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The attach side of the tool. A command is run by loading this jar into the target again with
 * {@code command=NAME,out=FILE}: the agent writes its answer to FILE (in a folder only this user
 * can read, made here) and this side prints it and deletes it. Nothing listens on a port.
 */
final class Attacher {

    private static final String ACTIVE_PROPERTY = "poolscope.internal.active";

    /** The oldest Java the agent's classes run on. */
    static final int MIN_JAVA = 11;

    private Attacher() {
    }

    /** The major version in a {@code java.specification.version} ("1.8" is 8, "17" is 17); unknown counts as new enough. */
    static int javaMajor(String specificationVersion) {
        if (specificationVersion == null) {
            return Integer.MAX_VALUE;
        }
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? Integer.MAX_VALUE : Integer.parseInt(version.substring(0, end));
    }

    static int list(PrintStream out, PrintStream err) {
        long self = ProcessHandle.current().pid();
        out.printf("%-8s %-8s %s%n", "PID", "POOLSCOPE", "MAIN CLASS OR JAR");
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (descriptor.id().equals(String.valueOf(self))) {
                continue;
            }
            String loaded;
            try {
                VirtualMachine vm = VirtualMachine.attach(descriptor);
                try {
                    Properties properties = vm.getSystemProperties();
                    loaded = properties.getProperty(ACTIVE_PROPERTY) != null ? "loaded" : "no";
                } finally {
                    vm.detach();
                }
            } catch (Exception e) {
                loaded = "?";
            }
            String name = descriptor.displayName().isEmpty() ? "(unknown)" : descriptor.displayName();
            out.printf("%-8s %-8s %s%n", descriptor.id(), loaded, name);
        }
        return Cli.OK;
    }

    static int command(String pid, String command, String pool, String options, PrintStream out, PrintStream err)
            throws IOException {
        if (!ProcessHandle.of(Long.parseLong(pid)).isPresent()) {
            err.println("poolscope: no process with pid " + pid + " (run 'list' to see the JVMs you can attach to)");
            return Cli.FAILED;
        }
        String jar = agentJar();
        ProcessOwner owner = ProcessOwner.of(Long.parseLong(pid));
        ProcessOwner self = ProcessOwner.self();
        boolean otherUser = owner != null && !owner.isSameUserAs(self);
        if (otherUser && !self.isRoot()) {
            // the target would not answer: its attach listener accepts only its own user (and root)
            err.println("poolscope: pid " + pid + " belongs to user " + owner.name() + ", not " + self.name()
                    + "; run the tool as " + owner.name() + " (for example sudo -u " + owner.name() + " java -jar " + jar
                    + " " + command + " " + pid + ")");
            return Cli.FAILED;
        }
        Path dir = Files.createTempDirectory("poolscope-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path answer = dir.resolve("answer.txt");
        try {
            if (otherUser) {
                // root, for another user's JVM: the agent there writes the answer as that user, so the private folder is theirs
                Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner.name()));
            }
            StringBuilder argument = new StringBuilder("command=").append(command).append(",out=").append(answer);
            if (pool != null) {
                argument.append(",pool=").append(pool);
            }
            if (options != null && !options.isEmpty()) {
                argument.append(',').append(options);
            }
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(pid);
            } catch (AttachNotSupportedException e) {
                err.println("poolscope: cannot attach to pid " + pid + " (" + e.getMessage() + "); it is not a JVM this user"
                        + " can attach to, or it was started with -XX:+DisableAttachMechanism: restart it without that flag"
                        + " or with -javaagent");
                return Cli.FAILED;
            } catch (IOException e) {
                err.println("poolscope: cannot attach to pid " + pid + " (" + e.getMessage() + "); run the tool as the"
                        + " same user as that JVM, with a JDK's java");
                return Cli.FAILED;
            }
            try {
                Properties target = vm.getSystemProperties();
                String javaVersion = target.getProperty("java.specification.version");
                if (javaMajor(javaVersion) < MIN_JAVA) {
                    err.println("poolscope: pid " + pid + " runs Java " + javaVersion + "; poolscope needs Java " + MIN_JAVA
                            + " or later there (run that application on Java " + MIN_JAVA + "+ to use it)");
                    return Cli.FAILED;
                }
                if (!command.equals("attach") && target.getProperty(ACTIVE_PROPERTY) == null) {
                    err.println("poolscope: not loaded in pid " + pid + "; run attach first (or start it with -javaagent)");
                    return Cli.FAILED;
                }
                vm.loadAgent(jar, argument.toString());
            } catch (AgentLoadException e) {
                err.println("poolscope: pid " + pid + " refused the agent (" + e.getMessage() + "); its log says more"
                        + readableBy(otherUser ? owner : null, jar));
                return Cli.FAILED;
            } catch (com.sun.tools.attach.AgentInitializationException e) {
                err.println("poolscope: the agent failed in pid " + pid + " (" + e.getMessage() + "); its log says more"
                        + readableBy(otherUser ? owner : null, jar));
                return Cli.FAILED;
            } finally {
                vm.detach();
            }
            // the folder may be another user's (see above): read a regular file only, never through a link
            if (!Files.isRegularFile(answer, LinkOption.NOFOLLOW_LINKS)) {
                err.println("poolscope: pid " + pid + " gave no answer to '" + command + "'; its log (standard error) says why");
                return Cli.FAILED;
            }
            String text = readAnswer(answer);
            int newline = text.indexOf('\n');
            String status = newline < 0 ? text : text.substring(0, newline);
            String body = newline < 0 ? "" : text.substring(newline + 1);
            if (status.equals("ok")) {
                out.print(body.endsWith("\n") || body.isEmpty() ? body : body + "\n");
                return Cli.OK;
            }
            err.println(body.trim());
            return Cli.FAILED;
        } finally {
            deleteFolder(dir);
        }
    }

    /** Answers larger than this (a dump of very many leases) are cut, with a line that says so. */
    private static final int MAX_ANSWER_BYTES = 64 << 20;

    private static String readAnswer(Path answer) throws IOException {
        try (InputStream in = Files.newInputStream(answer, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length <= MAX_ANSWER_BYTES) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            return new String(bytes, 0, MAX_ANSWER_BYTES, StandardCharsets.UTF_8) + "\n... (cut at " + (MAX_ANSWER_BYTES >> 20)
                    + " MiB)\n";
        }
    }

    /** The tool's folder and whatever is in it (links are removed, not followed). */
    private static void deleteFolder(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** A hint for a load that failed in another user's JVM: that user must be able to read the jar. */
    private static String readableBy(ProcessOwner otherOwner, String jar) {
        return otherOwner == null ? "" : " (user " + otherOwner.name() + " must be able to read " + jar + ")";
    }

    private static String agentJar() {
        try {
            return new File(Attacher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the agent jar: " + e);
        }
    }
}
