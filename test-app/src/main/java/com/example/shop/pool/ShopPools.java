package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;

import java.util.Arrays;
import java.util.List;

/** The pool libraries the shop runs on, by the name {@code --pool} takes. */
public final class ShopPools {

    public static final List<String> NAMES =
            Arrays.asList("hikari", "dbcp2", "tomcat-dbcp", "tomcat-jdbc", "c3p0", "vibur", "agroal", "druid", "h2",
                    "ucp");

    private ShopPools() {
    }

    public static ShopPool open(ShopSettings settings) throws Exception {
        switch (settings.pool()) {
            case "hikari": return new HikariShopPool(settings);
            case "dbcp2": return new Dbcp2ShopPool(settings);
            case "tomcat-dbcp": return new TomcatDbcpShopPool(settings);
            case "tomcat-jdbc": return new TomcatJdbcShopPool(settings);
            case "c3p0": return new C3p0ShopPool(settings);
            case "vibur": return new ViburShopPool(settings);
            case "agroal": return new AgroalShopPool(settings);
            case "druid": return new DruidShopPool(settings);
            case "h2": return new H2ShopPool(settings);
            case "ucp": return new UcpShopPool(settings);
            default: throw new IllegalArgumentException("unknown pool " + settings.pool() + "; one of " + NAMES);
        }
    }
}
