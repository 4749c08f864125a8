package com.example.shop.pool;

import com.example.shop.ShopPool;
import com.example.shop.ShopSettings;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import javax.sql.DataSource;

/** Agroal has no pool name: poolscope names it after the JDBC URL. */
final class AgroalShopPool implements ShopPool {

    private final AgroalDataSource pool;

    AgroalShopPool(ShopSettings settings) throws Exception {
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(settings.poolSize())
                        .minSize(settings.poolSize())
                        .initialSize(settings.poolSize())
                        .acquisitionTimeout(settings.connectionTimeout())
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(settings.jdbcUrl())
                                .principal(new NamePrincipal("sa"))
                                .credential(new SimplePassword(""))));
        pool = AgroalDataSource.from(configuration);
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() {
        return (int) pool.getMetrics().activeCount();
    }

    @Override
    public void close() {
        pool.close();
    }
}
