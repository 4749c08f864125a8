package io.poolscope.agent;

import io.poolscope.config.Option;
import io.poolscope.config.Options;

import javax.management.ObjectName;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code premain} ({@code -javaagent}) and {@code agentmain} (attach). Whatever happens here, the
 * application starts: every failure becomes one line on standard error.
 *
 * <p>The command line tool loads this jar with {@code command=attach|dump|status|off,out=FILE}
 * added to the argument: the command runs against the poolscope already active in this JVM (or
 * starts it, for {@code attach}) and its answer goes to {@code out}, a file only the owner can
 * read, which the tool prints and deletes. No port is opened.
 */
public final class AgentMain {

    /** Set once an agent copy is active, so a second copy only says so. Options ignore {@code poolscope.internal.*}. */
    static final String ACTIVE_PROPERTY = "poolscope.internal.active";

    /** How long {@code attach} waits for the instrumentation to be set up before it answers. */
    private static final long SET_UP_WAIT_MILLIS = 20_000;

    private AgentMain() {
    }

    public static void premain(String argument, Instrumentation instrumentation) {
        start(argument, instrumentation);
    }

    public static void agentmain(String argument, Instrumentation instrumentation) {
        Command command = Command.parse(argument);
        if (command.name == null) {
            start(argument, instrumentation);
            return;
        }
        String answer;
        boolean ok = true;
        try {
            answer = run(command, instrumentation);
        } catch (Refused refused) {
            ok = false;
            answer = "poolscope: " + refused.getMessage();
        } catch (Throwable error) {
            ok = false;
            answer = "poolscope: " + command.name + " failed in the target JVM: " + error;
            System.err.println(answer);
        }
        if (command.out != null) {
            try {
                Path out = Paths.get(command.out);
                byte[] bytes = ((ok ? "ok\n" : "error\n") + answer).getBytes(StandardCharsets.UTF_8);
                // a new file, owner-only from the start; never one that is already there (or a link planted there)
                try (SeekableByteChannel channel = Files.newByteChannel(out,
                        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(out))) {
                    channel.write(ByteBuffer.wrap(bytes));
                }
            } catch (Throwable error) {
                System.err.println("poolscope: could not write the answer of '" + command.name + "' to " + command.out
                        + " (" + error + ")");
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path out) {
        if (!out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0]; // the folder the tool made is private anyway
        }
        return new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    private static synchronized String run(Command command, Instrumentation instrumentation) throws Exception {
        String failed = StartFailure.reported();
        if (failed != null) {
            throw new Refused(failed);
        }
        boolean active = System.getProperty(ACTIVE_PROPERTY) != null;
        // AgentRuntime is loaded only once the bridge is in the boot class loader, or it would link to a copy of its types
        boolean ours = active && AgentRuntime.isRunning();
        switch (command.name) {
            case "attach": {
                if (!active) {
                    String problem = start(command.options, instrumentation);
                    if (problem == null) {
                        problem = AgentRuntime.awaitSetUp(SET_UP_WAIT_MILLIS); // the health check: did it instrument?
                    }
                    if (problem != null) {
                        throw new Refused(problem.replaceFirst("^poolscope: ", ""));
                    }
                    return "attached to pid " + ProcessHandle.current().pid() + "\n" + AgentRuntime.setUpPending()
                            + problems(command.options) + AgentRuntime.status();
                }
                if (!ours) {
                    return "already attached (from " + System.getProperty(ACTIVE_PROPERTY)
                            + ", another copy of poolscope); new options not applied\n";
                }
                if (AgentRuntime.recording()) {
                    List<String> notApplied = AgentRuntime.reconfigure(command.options);
                    return "already attached; " + AgentRuntime.liveOptionNames() + " applied"
                            + (notApplied.isEmpty() ? "" : "; not applied while recording (run off, then attach): "
                            + String.join(", ", notApplied)) + "\n" + problems(command.options) + AgentRuntime.status();
                }
                AgentRuntime.restart(command.options);
                return "recording again with the new options\n" + problems(command.options) + AgentRuntime.status();
            }
            case "dump": {
                if (!active) {
                    throw new Refused("not loaded in this JVM; run attach first");
                }
                if (ours) {
                    String dump;
                    try {
                        dump = AgentRuntime.dump(command.pool);
                    } catch (IllegalArgumentException e) {
                        throw new Refused(e.getMessage());
                    }
                    if (dump == null) {
                        throw new Refused("off in this JVM; run attach to turn it on");
                    }
                    return dump;
                }
                return (String) ManagementFactory.getPlatformMBeanServer()
                        .invoke(new ObjectName("poolscope:type=Agent"), "dump", new Object[0], new String[0]);
            }
            case "status":
                if (!active || !ours) {
                    throw new Refused("not loaded in this JVM; run attach first");
                }
                return AgentRuntime.status();
            case "off":
                if (!active || !ours) {
                    throw new Refused("not loaded in this JVM; nothing to turn off");
                }
                return AgentRuntime.stop() ? "poolscope off in pid " + ProcessHandle.current().pid()
                        + ": recording stopped, MBeans removed; attach turns it on again\n"
                        : "poolscope was already off\n";
            default:
                throw new IllegalArgumentException("unknown command '" + command.name + "'");
        }
    }

    private static String problems(String argument) {
        StringBuilder out = new StringBuilder();
        for (String problem : Options.parse(argument, System.getProperties()).problems()) {
            out.append(problem).append('\n');
        }
        return out.toString();
    }

    /** Starts poolscope; returns the failure, or null. */
    private static synchronized String start(String argument, Instrumentation instrumentation) {
        try {
            String active = System.getProperty(ACTIVE_PROPERTY);
            if (active != null) {
                System.err.println("poolscope: already active in this JVM (from " + active + "); this second copy does nothing");
                return null;
            }
            System.setProperty(ACTIVE_PROPERTY, Version.jarLocation());
            Options options = Options.parse(argument, System.getProperties());
            for (String problem : options.problems()) {
                System.err.println(problem);
            }
            if (options.helpRequested()) {
                System.err.println(Option.helpText());
            }
            BootBridge.define(instrumentation);
            AgentRuntime.start(options, instrumentation);
            AgentRuntime.argument(argument);
            return null;
        } catch (Throwable error) {
            return StartFailure.report(argument, error);
        }
    }

    /** A command that cannot be done as asked: the reason goes back to the tool, not to the application's log. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** {@code command=}, {@code out=} and {@code pool=} taken out of an agent argument; the rest are options. */
    static final class Command {
        String name;
        String out;
        String pool;
        String options;

        static Command parse(String argument) {
            Command command = new Command();
            List<String> rest = new ArrayList<>();
            if (argument != null) {
                for (String part : argument.split(",")) {
                    String trimmed = part.trim();
                    if (trimmed.startsWith("command=")) {
                        command.name = trimmed.substring("command=".length());
                    } else if (trimmed.startsWith("out=")) {
                        command.out = trimmed.substring("out=".length());
                    } else if (trimmed.startsWith("pool=")) {
                        command.pool = trimmed.substring("pool=".length());
                    } else if (!trimmed.isEmpty()) {
                        rest.add(trimmed);
                    }
                }
            }
            command.options = rest.isEmpty() ? null : String.join(",", rest);
            return command;
        }
    }
}
