package io.poolscope.pools;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Reads a pool's public getters and fields without compiling against the pool library, which may
 * be any version. Every failure becomes {@code null}: an introspector leaves that value out.
 */
public final class Reflection {

    private Reflection() {
    }

    /** The result of a public no-argument method, or {@code null}. */
    public static Object call(Object target, String method) {
        if (target == null) {
            return null;
        }
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The value of a public field, or {@code null}. A public field of a package-private superclass
     * (HikariCP's {@code PoolBase.config}) needs {@code setAccessible}, which works where the pool's
     * package is open to poolscope (always on the class path).
     */
    public static Object field(Object target, String name) {
        if (target == null) {
            return null;
        }
        try {
            Field field = target.getClass().getField(name);
            if (!field.canAccess(target)) {
                field.setAccessible(true);
            }
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    public static int intValue(Object value) {
        return value instanceof Number ? ((Number) value).intValue() : -1;
    }

    /** Puts {@code key -> target.getter()} into {@code settings} if the getter exists and returns a value. */
    public static void putGetter(Map<String, String> settings, String key, Object target, String getter) {
        Object value = call(target, getter);
        if (value != null) {
            settings.put(key, String.valueOf(value));
        }
    }
}
