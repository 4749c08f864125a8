package scenarios.contract;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Agroal 1 to 3. Agroal has no pool name (poolscope names it from the URL). Metrics are on, so
 * that the application can read the pool's {@code activeCount}: Agroal 3 keeps it only then.
 *
 * <p>Agroal's leak detection only warns; it takes leaked connections back when the application
 * calls {@code flush(FlushMode.LEAK)}, which closes those held longer than {@code leakTimeout}.
 * For a reclaiming pool this kind does that every 200 ms, as an application that wants leaked
 * connections taken back has to.
 */
public final class AgroalKind extends PoolKind {

    private final Map<DataSource, ScheduledExecutorService> leakFlushers = new ConcurrentHashMap<>();

    @Override
    public DataSource open(Settings settings) throws Exception {
        Duration leakTimeout = Duration.ofSeconds(settings.reclaimAfterSeconds);
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(settings.maxConnections)
                        .minSize(0)
                        .initialSize(0)
                        .acquisitionTimeout(Duration.ofMillis(settings.acquireTimeoutMillis)) // 0: wait forever
                        .leakTimeout(leakTimeout)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(settings.url)
                                .principal(new NamePrincipal(settings.user))
                                .credential(new SimplePassword(settings.password))));
        AgroalDataSource pool = AgroalDataSource.from(configuration);
        if (settings.reclaimAfterSeconds > 0) {
            ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "agroal-leak-flush");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(() -> pool.flush(AgroalDataSource.FlushMode.LEAK), 200, 200, TimeUnit.MILLISECONDS);
            leakFlushers.put(pool, flusher);
        }
        return pool;
    }

    @Override
    public void close(DataSource pool) {
        ScheduledExecutorService flusher = leakFlushers.remove(pool);
        if (flusher != null) {
            flusher.shutdownNow();
        }
        ((AgroalDataSource) pool).close();
    }

    @Override
    public int activeConnections(DataSource pool) {
        return (int) ((AgroalDataSource) pool).getMetrics().activeCount();
    }
}
