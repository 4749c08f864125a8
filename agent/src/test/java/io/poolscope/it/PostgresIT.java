package io.poolscope.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only a real server shows: PostgreSQL refusing connections, recorded as creation failures. */
class PostgresIT {

    @Test
    void refusedConnectionsAppearWithTheDriversMessage() throws Exception {
        Postgres.require();
        try (ForkedJvm jvm = ForkedJvm.builder().libs("postgresql").agent("").args("pg-refused").start()) {
            jvm.awaitReady();
            assertEquals("true", jvm.result("timeout"), jvm.stdout() + jvm.stderr());
            String log = ForkedJvm.awaitText("the exhaustion dump", jvm::log,
                    text -> text.contains("==== end of poolscope dump"), Duration.ofSeconds(5));
            assertTrue(log.matches("(?s).*connections opened: 1 .*failed: [1-9]\\d*, last failure at .*"), log);
            assertTrue(log.contains("too many connections for role \"poolscope_it_limited\""), log);
            assertTrue(log.contains("verdict: POOL CANNOT GROW: 1 connection out of a maximum of 3"), log);
            assertTrue(log.contains("acquired at scenarios.PoolApp.postgresRefuses(PoolApp.java:")
                    || log.contains("acquisition stack not captured"), log);
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }
}
