package io.poolscope.pools;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Reads a pool's public getters and fields without compiling against the pool library, which may
 * be any version. Every failure becomes {@code null}: an introspector leaves that value out.
 */
public final class Reflection {

    private static volatile ModuleOpener opener = ModuleOpener.NONE;

    private Reflection() {
    }

    /** How a package of a named module is opened to poolscope when a field needs it ({@link ModuleOpener#NONE} until set). */
    public static void moduleOpener(ModuleOpener moduleOpener) {
        opener = moduleOpener == null ? ModuleOpener.NONE : moduleOpener;
    }

    /**
     * The result of a public no-argument method, or {@code null}. A method of a class that is not
     * public (an anonymous class implementing a public interface, as Agroal's configurations are)
     * is called through the public interface or superclass that declares it.
     */
    public static Object call(Object target, String method) {
        if (target == null) {
            return null;
        }
        try {
            Method m = target.getClass().getMethod(method);
            if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                m = publicDeclaration(target.getClass(), method);
                if (m == null) {
                    return null;
                }
            }
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Method publicDeclaration(Class<?> type, String method) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (Modifier.isPublic(current.getModifiers())) {
                try {
                    return current.getMethod(method);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
            for (Class<?> face : current.getInterfaces()) {
                Method found = publicInterfaceMethod(face, method);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Method publicInterfaceMethod(Class<?> face, String method) {
        if (Modifier.isPublic(face.getModifiers())) {
            try {
                return face.getMethod(method);
            } catch (NoSuchMethodException e) {
                // not declared by this interface or the ones it extends
            }
        }
        for (Class<?> parent : face.getInterfaces()) {
            Method found = publicInterfaceMethod(parent, method);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The value of a public field, or {@code null}. A public field of a package-private superclass
     * (HikariCP's {@code PoolBase.config}) needs {@code setAccessible}, which works where the pool's
     * package is open to poolscope: always on the class path; on the module path (HikariCP 7 is a
     * named module that does not open its packages) once the {@link ModuleOpener} has opened it,
     * which it does the first time, so once per package.
     */
    public static Object field(Object target, String name) {
        if (target == null) {
            return null;
        }
        try {
            Field field = target.getClass().getField(name);
            if (!field.canAccess(target)) {
                openToPoolscope(field.getDeclaringClass());
                field.setAccessible(true);
            }
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The value of an instance field of any access, declared by the target's class or one of its
     * superclasses (c3p0's package-private {@code rp}, a captured {@code val$...} of a local class,
     * Agroal 3's list of connections while its metrics are off),
     * or {@code null}. Needs {@code setAccessible}, as {@link #field} explains.
     */
    public static Object declaredField(Object target, String name) {
        if (target == null) {
            return null;
        }
        try {
            for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
                Field field;
                try {
                    field = type.getDeclaredField(name);
                } catch (NoSuchFieldException notHere) {
                    continue;
                }
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    return null;
                }
                if (!field.canAccess(target)) {
                    openToPoolscope(type);
                    field.setAccessible(true);
                }
                return field.get(target);
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The result of a public static no-argument method of {@code className} as {@code loader} sees
     * it (a pool library's registry), or {@code null}.
     */
    public static Object callStatic(ClassLoader loader, String className, String method) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            return type.getMethod(method).invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static void openToPoolscope(Class<?> type) {
        Module module = type.getModule();
        Module poolscope = Reflection.class.getModule();
        if (module.isNamed() && !module.isOpen(type.getPackageName(), poolscope)) {
            opener.open(type, poolscope);
        }
    }

    /** {@code target.getter()} as text, or null if there is no such getter or it returns null. */
    public static String text(Object target, String getter) {
        Object value = call(target, getter);
        return value == null ? null : value.toString();
    }

    /** Whether {@code thrown} is of the class named {@code className} or a subclass, by name (the class may not be visible here). */
    public static boolean isOfClassNamed(Throwable thrown, String className) {
        for (Class<?> type = thrown == null ? null : thrown.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
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
