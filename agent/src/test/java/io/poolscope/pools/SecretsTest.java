package io.poolscope.pools;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class SecretsTest {

    @Test
    void passwordParameterIsMasked() {
        assertEquals("jdbc:mysql://db:3306/app?user=app&password=***&useSSL=true",
                Secrets.mask("jdbc:mysql://db:3306/app?user=app&password=s3cr3t!&useSSL=true"));
    }

    @Test
    void pwdPropertyIsMasked() {
        assertEquals("jdbc:sqlserver://db:1433;databaseName=app;user=sa;pwd=***;encrypt=true",
                Secrets.mask("jdbc:sqlserver://db:1433;databaseName=app;user=sa;pwd=Hunter2;encrypt=true"));
    }

    @Test
    void keysAreMatchedWhateverTheirCase() {
        assertEquals("jdbc:db2://db:50000/app:user=app;PASSWORD=***;",
                Secrets.mask("jdbc:db2://db:50000/app:user=app;PASSWORD=topsecret;"));
    }

    @Test
    void otherSecretLikeKeysAreMasked() {
        String masked = Secrets.mask("jdbc:snowflake://acct.snowflakecomputing.com/?token=abc.def&passwd=p1&secret=s2");

        assertEquals("jdbc:snowflake://acct.snowflakecomputing.com/?token=***&passwd=***&secret=***", masked);
    }

    @Test
    void userInfoPasswordIsMasked() {
        assertEquals("jdbc:mysql://app:***@db.example:3306/orders",
                Secrets.mask("jdbc:mysql://app:s3cr3t@db.example:3306/orders"));
    }

    @Test
    void bothFormsInOneUrlAreMasked() {
        String masked = Secrets.mask("jdbc:mysql://app:first@db/orders?password=second");

        assertEquals("jdbc:mysql://app:***@db/orders?password=***", masked);
        assertFalse(masked.contains("first") || masked.contains("second"), masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1",
            "jdbc:postgresql://db.example.com:5432/orders?ssl=true&user=app",
            "jdbc:mysql://db:3306/orders?connectTimeout=500",
            "jdbc:oracle:thin:@//db.example:1521/ORCL"
    })
    void urlWithoutSecretsIsUnchanged(String url) {
        assertEquals(url, Secrets.mask(url));
    }

    @Test
    void nullStaysNull() {
        assertNull(Secrets.mask(null));
    }

    @Test
    void oracleUserSlashPasswordIsMasked() {
        String masked = Secrets.mask("jdbc:oracle:thin:scott/tiger@db.example:1521:ORCL");

        assertFalse(masked.contains("tiger"), masked);
    }
}
