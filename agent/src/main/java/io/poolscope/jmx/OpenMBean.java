package io.poolscope.jmx;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfo;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfo;
import javax.management.openmbean.OpenMBeanOperationInfoSupport;
import javax.management.openmbean.OpenMBeanParameterInfo;
import javax.management.openmbean.OpenType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A read-only MBean built from a list of attributes and no-argument operations, each with an open
 * type, so JConsole and VisualVM show everything without poolscope's classes.
 */
final class OpenMBean implements DynamicMBean {

    private final String className;
    private final String description;
    private final Map<String, Supplier<Object>> attributes = new LinkedHashMap<>();
    private final List<OpenMBeanAttributeInfoSupport> attributeInfo = new ArrayList<>();
    private final Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
    private final List<OpenMBeanOperationInfo> operationInfo = new ArrayList<>();
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

    <T> OpenMBean operation(String name, String help, OpenType<T> returnType, Supplier<Object> action) {
        operations.put(name, action);
        operationInfo.add(new OpenMBeanOperationInfoSupport(name, help, new OpenMBeanParameterInfo[0],
                returnType, MBeanOperationInfo.INFO));
        return this;
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException, MBeanException {
        Supplier<Object> value = attributes.get(name);
        if (value == null) {
            throw new AttributeNotFoundException(name);
        }
        try {
            return value.get();
        } catch (RuntimeException e) {
            throw new MBeanException(e, "poolscope could not read " + name + ": " + e);
        }
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String name : names) {
            try {
                list.add(new Attribute(name, getAttribute(name)));
            } catch (Exception e) {
                // left out, as the JMX contract allows
            }
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
        Supplier<Object> action = operations.get(name);
        if (action == null || (params != null && params.length > 0)) {
            throw new ReflectionException(new NoSuchMethodException(name));
        }
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw new MBeanException(e, "poolscope could not run " + name + ": " + e);
        }
    }

    @Override
    public synchronized MBeanInfo getMBeanInfo() {
        if (info == null) {
            info = new OpenMBeanInfoSupport(className, description,
                    attributeInfo.toArray(new OpenMBeanAttributeInfoSupport[0]),
                    new OpenMBeanConstructorInfo[0],
                    operationInfo.toArray(new OpenMBeanOperationInfo[0]),
                    new javax.management.MBeanNotificationInfo[0]);
        }
        return info;
    }
}
