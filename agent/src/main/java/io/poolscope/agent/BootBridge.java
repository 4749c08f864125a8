package io.poolscope.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Defines the {@code io.poolscope.bridge} classes in the boot class loader, so that pool classes
 * of any class loader reach them.
 *
 * <p>Not through {@code appendToBootstrapClassLoaderSearch}: that makes the JVM warn that class-data
 * sharing is now limited to boot classes, and turns it off for application classes. Instead
 * {@code jdk.internal.misc.Unsafe.defineClass}, with that package opened to this agent only through
 * {@link Instrumentation#redefineModule}. If that fails, the classes stay with the system class
 * loader, which still serves pools loaded by it and its children.
 */
final class BootBridge {

    /** In dependency order: an interface before its implementation. */
    private static final String[] CLASSES = {
        "io.poolscope.bridge.Recorder", "io.poolscope.bridge.NoopRecorder", "io.poolscope.bridge.Bridge"};

    private BootBridge() {
    }

    /** Returns whether the bridge lives in the boot class loader. */
    static boolean define(Instrumentation instrumentation) {
        if (isInBoot(CLASSES[CLASSES.length - 1])) {
            return true;
        }
        try {
            Module javaBase = Object.class.getModule();
            Module agent = BootBridge.class.getModule();
            Map<String, Set<Module>> exports = Collections.singletonMap("jdk.internal.misc", Collections.singleton(agent));
            instrumentation.redefineModule(javaBase, Collections.emptySet(), exports, Collections.emptyMap(),
                    Collections.emptySet(), Collections.emptyMap());
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            Method defineClass = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            for (String name : CLASSES) {
                byte[] bytes = classBytes(name);
                defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
            }
            return true;
        } catch (Throwable error) {
            System.err.println("poolscope: could not place its bridge in the boot class loader (" + error
                    + "); pools loaded outside the application class loader will not be seen");
            return false;
        }
    }

    private static boolean isInBoot(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static byte[] classBytes(String name) throws IOException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = BootBridge.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not found in the agent jar");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
