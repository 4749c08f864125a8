package io.poolscope.it;

import com.sun.tools.attach.VirtualMachine;
import org.junit.jupiter.api.Test;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** poolscope's MBeans read from another JVM through a real JMX connector, as JConsole would. */
class JmxIT {

    @Test
    void poolAndAgentMBeansUseOpenTypesOnly() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.builder().agent("stacks=full").args("serve").start()) {
            jvm.awaitReady();
            try (JMXConnector connector = connect(jvm.pid())) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                ObjectName pool = new ObjectName("poolscope:type=Pool,name=\"it-pool\"");
                ObjectName agent = new ObjectName("poolscope:type=Agent");
                assertAllAttributesOpen(server, pool);
                assertAllAttributesOpen(server, agent);

                assertEquals(1, server.getAttribute(pool, "LeasesOut"));
                assertEquals(21L, server.getAttribute(pool, "Acquires"));
                TabularData leases = (TabularData) server.getAttribute(pool, "Leases");
                assertEquals(1, leases.size());
                CompositeData lease = (CompositeData) leases.values().iterator().next();
                assertTrue(((String) lease.get("callSite")).startsWith("scenarios.PoolApp$LeakyRepository.leak("),
                        lease.toString());
                assertEquals("main", lease.get("thread"));
                assertTrue(((String) lease.get("stack")).contains("at scenarios.PoolApp.serve(PoolApp.java:"));
                TabularData configuration = (TabularData) server.getAttribute(pool, "Configuration");
                assertEquals("3", configuration.get(new Object[]{"maximumPoolSize"}).get("value"));

                String[] pools = (String[]) server.getAttribute(agent, "Pools");
                assertEquals("it-pool", String.join(",", pools));
                assertEquals(0L, server.getAttribute(agent, "InternalErrors"));
                String dump = (String) server.invoke(agent, "dump", new Object[0], new String[0]);
                assertTrue(dump.contains("poolscope dump: pool 'it-pool' (HikariCP) - on demand"), dump);
                assertTrue(dump.contains("at scenarios.PoolApp$LeakyRepository.leak(PoolApp.java:"), dump);
            }
            jvm.proceed();
            assertEquals(0, jvm.awaitExit());
        }
    }

    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return JMXConnectorFactory.connect(new JMXServiceURL(address));
        } finally {
            vm.detach();
        }
    }

    private static void assertAllAttributesOpen(MBeanServerConnection server, ObjectName name) throws Exception {
        MBeanAttributeInfo[] attributes = server.getMBeanInfo(name).getAttributes();
        assertTrue(attributes.length > 3, name + " has attributes");
        for (MBeanAttributeInfo attribute : attributes) {
            Object value = server.getAttribute(name, attribute.getName());
            assertTrue(isOpen(value), name + "." + attribute.getName() + " is not an open type: "
                    + (value == null ? null : value.getClass()));
        }
    }

    private static boolean isOpen(Object value) {
        if (value == null || value instanceof CompositeData || value instanceof TabularData) {
            return true;
        }
        Class<?> type = value.getClass();
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return OpenType.ALLOWED_CLASSNAMES_LIST.contains(type.getName())
                || CompositeData.class.isAssignableFrom(type) || TabularData.class.isAssignableFrom(type);
    }
}
