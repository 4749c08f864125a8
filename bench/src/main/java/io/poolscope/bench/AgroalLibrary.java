package io.poolscope.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import javax.sql.DataSource;
import java.time.Duration;

/** Agroal; its own leak detection is {@code leakTimeout} with {@code enhancedLeakReport} (a stack per acquire). */
final class AgroalLibrary implements PoolLibrary {

    @Override
    public String name() {
        return "agroal";
    }

    @Override
    public DataSource open(Database database, int size, boolean ownLeakDetection) throws Exception {
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> {
                    pool.maxSize(size).minSize(size).initialSize(size)
                            .connectionFactoryConfiguration(factory -> factory
                                    .jdbcUrl(database.url())
                                    .principal(new NamePrincipal(database.user()))
                                    .credential(new SimplePassword(database.password())));
                    if (ownLeakDetection) {
                        pool.leakTimeout(Duration.ofSeconds(NEVER_SECONDS)).enhancedLeakReport(true);
                    }
                    return pool;
                });
        return AgroalDataSource.from(configuration);
    }

    @Override
    public void close(DataSource pool) {
        ((AgroalDataSource) pool).close();
    }
}
