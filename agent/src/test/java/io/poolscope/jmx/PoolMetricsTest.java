package io.poolscope.jmx;

import io.poolscope.config.Options;
import io.poolscope.pools.PoolCounters;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import org.example.fakeapp.FakeApp;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenMBeanAttributeInfo;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolMetricsTest {

    private final AtomicReference<PoolCounters> counters = new AtomicReference<>(new PoolCounters(2, 3, 5, 1));
    private final Recording recording = new Recording(Options.parse("stacks=off", new Properties()),
            type -> new FakeIntrospector(8) {
                @Override
                public PoolCounters counters(Object pool) {
                    return counters.get();
                }
            });
    private final FakePool pool = new FakePool(recording.recorder(), "orders");
    private final FakeApp app = new FakeApp(pool);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private PoolMetrics metrics() {
        app.close(app.loadOrders(new Object()));
        PoolHandle handle = recording.pools().get(0);
        return new PoolMetrics(handle, recording, clock::get);
    }

    @Test
    void figuresCarryOpenTelemetrysNames() throws Exception {
        PoolMetrics metrics = metrics();
        app.loadOrdersTimingOut();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));

        assertEquals("orders", metrics.getAttribute("db.client.connection.pool.name"));
        CompositeData count = (CompositeData) metrics.getAttribute("db.client.connection.count");
        assertEquals(2L, count.get("used"));
        assertEquals(3L, count.get("idle"));
        assertEquals(8L, metrics.getAttribute("db.client.connection.max"));
        assertEquals(1L, metrics.getAttribute("db.client.connection.pending_requests"));
        assertEquals(1L, metrics.getAttribute("db.client.connection.timeouts"));
        CompositeData waits = (CompositeData) metrics.getAttribute("db.client.connection.wait_time");
        assertEquals(2L, waits.get("count"), "the lease's wait and the timeout's");
        assertTrue((Double) waits.get("sum") >= 0.0);
        assertTrue((Double) waits.get("quantile_0.5") <= (Double) waits.get("quantile_0.99"));
        assertTrue((Double) waits.get("quantile_0.99") <= (Double) waits.get("max"));
        assertEquals(1L, ((CompositeData) metrics.getAttribute("db.client.connection.use_time")).get("count"));
        assertEquals(0L, ((CompositeData) metrics.getAttribute("db.client.connection.create_time")).get("count"));
    }

    @Test
    void oneSnapshotServesReadsForASecond() throws Exception {
        PoolMetrics metrics = metrics();
        Object first = metrics.getAttribute("db.client.connection.use_time");
        app.close(app.loadOrders(new Object()));
        counters.set(new PoolCounters(7, 0, 7, 0));
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(900));
        assertSame(first, metrics.getAttribute("db.client.connection.use_time"));
        AttributeList all = metrics.getAttributes(new String[]{"db.client.connection.count", "db.client.connection.use_time", "nope"});
        assertEquals(2, all.size());
        assertEquals(2L, ((CompositeData) ((Attribute) all.get(0)).getValue()).get("used"));

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(2L, ((CompositeData) metrics.getAttribute("db.client.connection.use_time")).get("count"));
        assertEquals(7L, ((CompositeData) metrics.getAttribute("db.client.connection.count")).get("used"));
    }

    @Test
    void aPoolThatDoesNotCountIsCountedByPoolscope() throws Exception {
        PoolMetrics metrics = metrics();
        counters.set(PoolCounters.UNKNOWN);
        app.loadOrders(new Object()); // out now
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        CompositeData count = (CompositeData) metrics.getAttribute("db.client.connection.count");
        assertEquals(1L, count.get("used"));
        assertEquals(-1L, count.get("idle"));
        assertEquals(0L, metrics.getAttribute("db.client.connection.pending_requests"));
    }

    @Test
    void everyAttributeIsAnOpenTypeWithADescription() {
        for (MBeanAttributeInfo attribute : metrics().getMBeanInfo().getAttributes()) {
            assertTrue(attribute instanceof OpenMBeanAttributeInfo, attribute.getName());
            assertTrue(attribute.getName().startsWith("db.client.connection."), attribute.getName());
            assertNotNull(attribute.getDescription());
            assertFalse(attribute.getDescription().isEmpty());
            assertFalse(attribute.isWritable());
        }
    }

    @Test
    void namesAreQuotedOnlyWhereObjectNameNeedsIt() throws Exception {
        assertEquals(new ObjectName("poolscope:type=PoolMetrics,name=HikariPool-1"), PoolMetricsRegistrar.name("HikariPool-1"));
        assertEquals("HikariPool-1", PoolMetricsRegistrar.name("HikariPool-1").getKeyProperty("name"));
        assertEquals("\"reports:eu\"", PoolMetricsRegistrar.name("reports:eu").getKeyProperty("name"));
        assertEquals("reports:eu", ObjectName.unquote(PoolMetricsRegistrar.name("reports:eu").getKeyProperty("name")));
        for (String name : new String[]{"a,b", "a=b", "a*", "a?", "say \"hi\"", "two\nlines", ""}) {
            assertEquals(name, ObjectName.unquote(PoolMetricsRegistrar.name(name).getKeyProperty("name")), name);
        }
        assertEquals("agroal:jdbc:h2:mem:x", ObjectName.unquote(PoolMetricsRegistrar.name("agroal:jdbc:h2:mem:x").getKeyProperty("name")));
    }
}
