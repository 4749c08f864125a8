package io.poolscope.jmx;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ReflectionException;
import javax.management.RuntimeOperationsException;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfo;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfo;
import javax.management.openmbean.OpenMBeanOperationInfoSupport;
import javax.management.openmbean.OpenMBeanParameterInfo;
import javax.management.openmbean.OpenMBeanParameterInfoSupport;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read-only MBean built from a list of attributes and operations, each with an open type and a
 * description (JConsole shows it in its info pane), so JConsole and VisualVM show everything without
 * poolscope's classes. It may send notifications of the kinds it declares.
 *
 * <p>Operations take {@code String} parameters only. {@link #batch} brackets a
 * {@code getAttributes} call, so that all the attributes of one call come from one reading.
 */
final class OpenMBean implements DynamicMBean, NotificationEmitter {

    /** Brackets the reading of several attributes at once. */
    interface Batch {
        Batch NONE = new Batch() {
        };

        default void begin() {
        }

        default void end() {
        }
    }

    private static final class Operation {
        final int parameters;
        final Function<String[], Object> action;

        Operation(int parameters, Function<String[], Object> action) {
            this.parameters = parameters;
            this.action = action;
        }
    }

    private final String className;
    private final String description;
    private final Map<String, Supplier<Object>> attributes = new LinkedHashMap<>();
    private final List<OpenMBeanAttributeInfoSupport> attributeInfo = new ArrayList<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final List<OpenMBeanOperationInfo> operationInfo = new ArrayList<>();
    private final List<MBeanNotificationInfo> notificationInfo = new ArrayList<>();
    private Batch batch = Batch.NONE;
    private NotificationBroadcasterSupport broadcaster;
    private MBeanInfo info;

    OpenMBean(String className, String description) {
        this.className = className;
        this.description = description;
    }

    <T> OpenMBean attribute(String name, String help, OpenType<T> type, Supplier<Object> value) {
        attributes.put(name, value);
        attributeInfo.add(new OpenMBeanAttributeInfoSupport(name, help, type, true, false, false));
        return this;
    }

    /** An operation without parameters. */
    <T> OpenMBean operation(String name, String help, OpenType<T> returnType, int impact, Supplier<Object> action) {
        return operation(name, help, returnType, impact, new String[0][], arguments -> action.get());
    }

    /**
     * An operation whose parameters are strings; {@code parameters} holds a name and a description
     * for each.
     */
    <T> OpenMBean operation(String name, String help, OpenType<T> returnType, int impact, String[][] parameters,
                            Function<String[], Object> action) {
        OpenMBeanParameterInfo[] infos = new OpenMBeanParameterInfo[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            infos[i] = new OpenMBeanParameterInfoSupport(parameters[i][0], parameters[i][1], SimpleType.STRING);
        }
        operations.put(name, new Operation(parameters.length, action));
        operationInfo.add(new OpenMBeanOperationInfoSupport(name, help, infos, returnType, impact));
        return this;
    }

    OpenMBean notification(String type, String help) {
        notificationInfo.add(new MBeanNotificationInfo(new String[]{type}, Notification.class.getName(), help));
        return this;
    }

    OpenMBean batch(Batch batch) {
        this.batch = batch;
        return this;
    }

    /** Sends {@code notification} to the listeners (after {@link #getMBeanInfo()} was built, or at once). */
    void send(Notification notification) {
        broadcaster().sendNotification(notification);
    }

    private synchronized NotificationBroadcasterSupport broadcaster() {
        if (broadcaster == null) {
            broadcaster = new NotificationBroadcasterSupport(notificationInfo.toArray(new MBeanNotificationInfo[0]));
        }
        return broadcaster;
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException, MBeanException {
        Supplier<Object> value = attributes.get(name);
        if (value == null) {
            throw new AttributeNotFoundException(name);
        }
        try {
            return value.get();
        } catch (RuntimeException | LinkageError e) {
            throw new MBeanException(new IllegalStateException(e.toString()), "poolscope could not read " + name + ": " + e);
        }
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        batch.begin();
        try {
            for (String name : names) {
                try {
                    list.add(new Attribute(name, getAttribute(name)));
                } catch (Exception e) {
                    // left out, as the JMX contract allows
                }
            }
        } finally {
            batch.end();
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String name, Object[] params, String[] signature) throws MBeanException, ReflectionException {
        Operation operation = operations.get(name);
        int given = params == null ? 0 : params.length;
        if (operation == null || given != operation.parameters) {
            throw new ReflectionException(new NoSuchMethodException(name + " with " + given + " parameters"));
        }
        String[] arguments = new String[given];
        for (int i = 0; i < given; i++) {
            if (params[i] != null && !(params[i] instanceof String)) {
                throw new RuntimeOperationsException(new IllegalArgumentException(
                        name + " takes strings, not " + params[i].getClass().getName()));
            }
            arguments[i] = (String) params[i];
        }
        try {
            return operation.action.apply(arguments);
        } catch (IllegalArgumentException e) {
            // a JDK exception, so a client without poolscope's classes reads the reason
            throw new RuntimeOperationsException(new IllegalArgumentException(e.getMessage()), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            throw new MBeanException(new IllegalStateException(e.toString()), "poolscope could not run " + name + ": " + e);
        }
    }

    @Override
    public synchronized MBeanInfo getMBeanInfo() {
        if (info == null) {
            info = new OpenMBeanInfoSupport(className, description,
                    attributeInfo.toArray(new OpenMBeanAttributeInfoSupport[0]),
                    new OpenMBeanConstructorInfo[0],
                    operationInfo.toArray(new OpenMBeanOperationInfo[0]),
                    notificationInfo.toArray(new MBeanNotificationInfo[0]));
        }
        return info;
    }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        broadcaster().addNotificationListener(listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        broadcaster().removeNotificationListener(listener);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
            throws ListenerNotFoundException {
        broadcaster().removeNotificationListener(listener, filter, handback);
    }

    @Override
    public MBeanNotificationInfo[] getNotificationInfo() {
        return notificationInfo.toArray(new MBeanNotificationInfo[0]);
    }
}
