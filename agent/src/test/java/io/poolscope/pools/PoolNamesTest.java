package io.poolscope.pools;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PoolNamesTest {

    @Test
    void theUrlWithoutParametersOrCredentials() {
        assertEquals("agroal:jdbc:h2:mem:orders", PoolNames.fromUrl("agroal", "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1"));
        assertEquals("dbcp2:jdbc:postgresql://db.example:5432/shop",
                PoolNames.fromUrl("dbcp2", "jdbc:postgresql://db.example:5432/shop?user=app&password=s3cret"));
        assertEquals("dbcp2:jdbc:mysql://db:3306/shop", PoolNames.fromUrl("dbcp2", "jdbc:mysql://app:s3cret@db:3306/shop"));
        assertNull(PoolNames.fromUrl("h2", null));
        assertNull(PoolNames.fromUrl("h2", " "));
    }
}
