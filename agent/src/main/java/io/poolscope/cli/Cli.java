package io.poolscope.cli;

import io.poolscope.agent.Version;
import io.poolscope.config.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar poolscope-agent.jar <command>}. Exit codes: 0 done, 1 failed, 2 usage error.
 * Everything that needs the attach API lives in {@link Attacher}, so a JRE without the
 * {@code jdk.attach} module still gets help and a one-line reason.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        switch (command) {
            case "help":
            case "--help":
            case "-h":
                out.println(usage());
                out.println();
                out.println(Option.helpText());
                return OK;
            case "version":
            case "--version":
                out.println("poolscope " + Version.version());
                return OK;
            case "list":
                if (!rest.isEmpty()) {
                    return usageError(err, "list takes no arguments");
                }
                return attachApi(() -> Attacher.list(out, err), err);
            case "attach":
                if (rest.isEmpty()) {
                    return usageError(err, "attach needs a pid");
                }
                return withPid(rest.get(0), err, pid -> Attacher.command(pid, "attach", null,
                        String.join(",", rest.subList(1, rest.size())), out, err));
            case "dump":
                if (rest.isEmpty() || rest.size() > 2) {
                    return usageError(err, "dump needs a pid and at most one pool name");
                }
                return withPid(rest.get(0), err, pid -> Attacher.command(pid, "dump",
                        rest.size() == 2 ? rest.get(1) : null, null, out, err));
            case "status":
            case "off":
                if (rest.size() != 1) {
                    return usageError(err, command + " needs exactly one pid");
                }
                return withPid(rest.get(0), err, pid -> Attacher.command(pid, command, null, null, out, err));
            default:
                return usageError(err, "unknown command '" + command + "'");
        }
    }

    interface PidAction {
        int run(String pid) throws Exception;
    }

    interface Action {
        int run() throws Exception;
    }

    private static int withPid(String pid, PrintStream err, PidAction action) {
        if (!pid.matches("[0-9]+")) {
            return usageError(err, "'" + pid + "' is not a pid (run 'list' to see the JVMs you can attach to)");
        }
        return attachApi(() -> action.run(pid), err);
    }

    private static int attachApi(Action action, PrintStream err) {
        try {
            return action.run();
        } catch (NoClassDefFoundError error) {
            if (String.valueOf(error.getMessage()).contains("com/sun/tools/attach")) {
                err.println("poolscope: this Java has no attach API (module jdk.attach); run the tool with a JDK's java, not a JRE");
                return FAILED;
            }
            throw error;
        } catch (Exception error) {
            err.println("poolscope: " + error);
            return FAILED;
        }
    }

    private static int usageError(PrintStream err, String problem) {
        err.println("poolscope: " + problem);
        err.println(usage());
        return USAGE;
    }

    static String usage() {
        return "usage: java -jar poolscope-agent.jar <command>\n"
                + "  list                        the JVMs you can attach to, and whether poolscope is loaded\n"
                + "  attach <pid> [options]      load poolscope into a running JVM (options as key=value,key=value\n"
                + "                              or separate key=value arguments, the same as -javaagent's);\n"
                + "                              attached again: leakThreshold, dumpCooldown, dumpInterval change\n"
                + "                              in place; after off, attach records again with the new options\n"
                + "  dump <pid> [pool]           print that JVM's dump (attached or started with -javaagent)\n"
                + "  status <pid>                pools, counts, leases out, waiters, options in force\n"
                + "  off <pid>                   stop recording and remove poolscope's MBeans\n"
                + "  help | version\n"
                + "  exit codes: 0 done, 1 failed, 2 usage error\n"
                + "  as an agent: java -javaagent:poolscope-agent.jar[=key=value,...] -jar your-app.jar";
    }
}
