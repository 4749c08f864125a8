package io.poolscope.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The local PostgreSQL server the server-only tests need; they skip without it unless POOLSCOPE_REQUIRE_PG=1. */
final class Postgres {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;

    private Postgres() {
    }

    static void require() {
        if (reachable()) {
            return;
        }
        String message = "no PostgreSQL server at " + HOST + ":" + PORT + " (user postgres, database test, trust auth)";
        if ("1".equals(System.getenv("POOLSCOPE_REQUIRE_PG"))) {
            throw new AssertionError(message + ", and POOLSCOPE_REQUIRE_PG=1 requires one");
        }
        Assumptions.abort(message + "; skipping. Set POOLSCOPE_REQUIRE_PG=1 to make this a failure.");
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
