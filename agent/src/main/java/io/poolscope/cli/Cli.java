package io.poolscope.cli;

import io.poolscope.agent.Version;
import io.poolscope.config.Option;

/** {@code java -jar poolscope-agent.jar <command>}. */
public final class Cli {

    private Cli() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "help":
            case "--help":
            case "-h":
                System.out.println(usage());
                System.out.println();
                System.out.println(Option.helpText());
                break;
            case "version":
            case "--version":
                System.out.println("poolscope " + Version.version());
                break;
            default:
                System.err.println("poolscope: unknown command '" + command + "'");
                System.err.println(usage());
                System.exit(2);
        }
    }

    static String usage() {
        return "usage: java -jar poolscope-agent.jar help | version\n"
                + "  as an agent: java -javaagent:poolscope-agent.jar[=key=value,...] -jar your-app.jar";
    }
}
