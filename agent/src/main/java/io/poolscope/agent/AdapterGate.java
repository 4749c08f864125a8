package io.poolscope.agent;

import io.poolscope.bridge.Bridge;
import io.poolscope.pools.PoolAdapter;
import io.poolscope.pools.Shape;
import io.poolscope.report.Log;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Decides, once per class loader, whether one adapter is applied there: it is, whole, if the
 * library's class files have the adapter's {@link io.poolscope.pools.Shape} and that class loader
 * links {@code io.poolscope.bridge.Bridge} to the agent's bridge; otherwise none of the adapter's
 * classes is transformed in that class loader, and one line says why.
 *
 * <p>Asked by Byte Buddy while the JVM loads one of the adapter's classes, so it reads class files
 * only (a {@link TypePool}), loads and initialises nothing of the library, and holds no lock while
 * it calls into the class loader.
 */
final class AdapterGate {

    static final String OSGI_SETTING = "org.osgi.framework.bootdelegation=io.poolscope.*";
    static final String JBOSS_SETTING = "jboss.modules.system.pkgs=io.poolscope";

    private final PoolAdapter adapter;
    private final SkippedAdapters skipped;
    private final Log log;
    private final Map<ClassLoader, Boolean> decisions = Collections.synchronizedMap(new WeakHashMap<>());

    AdapterGate(PoolAdapter adapter, SkippedAdapters skipped, Log log) {
        this.adapter = adapter;
        this.skipped = skipped;
        this.log = log;
    }

    /** Whether {@code type}, about to be defined or retransformed in {@code loader}, gets the adapter's advice. */
    boolean admits(TypeDescription type, ClassLoader loader, ProtectionDomain domain) {
        Boolean known = decisions.get(loader);
        if (known != null) {
            return known;
        }
        String problem;
        try {
            problem = problem(type, loader);
        } catch (Throwable error) {
            problem = "its classes could not be checked (" + error + ")";
        }
        boolean admitted = problem == null;
        synchronized (decisions) {
            known = decisions.get(loader);
            if (known != null) {
                return known; // another thread decided first and reported it
            }
            decisions.put(loader, admitted);
        }
        if (!admitted) {
            String line = adapter.introspector().library() + " " + version(type.getName(), loader, domain) + " in "
                    + describe(loader) + " not instrumented: " + problem;
            log.warn("poolscope: " + line);
            skipped.add(line);
        }
        return admitted;
    }

    /** What keeps the adapter out of {@code loader}, or {@code null}. */
    private String problem(TypeDescription type, ClassLoader loader) {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
        List<String> mismatches = adapter.shape().mismatches(Shape.from(pool, type));
        if (!mismatches.isEmpty()) {
            return String.join(", ", mismatches) + " (poolscope supports " + adapter.introspector().library() + " "
                    + adapter.supportedVersions() + ")";
        }
        return bridgeProblem(loader);
    }

    /**
     * The advice calls {@code io.poolscope.bridge.Bridge}, resolved through the pool class's own
     * loader. A loader that does not delegate {@code io.poolscope.*} to the boot class loader (an
     * OSGi bundle's, a JBoss module's) would make every advice call throw {@code NoClassDefFoundError},
     * which the advice suppresses: the pool would work and nothing would be recorded, silently.
     */
    static String bridgeProblem(ClassLoader loader) {
        String where = Bridge.class.getClassLoader() == null ? "the boot class loader" : "the application class loader";
        String settings = "; set " + OSGI_SETTING + " (OSGi) or " + JBOSS_SETTING + " (JBoss Modules)";
        Class<?> seen;
        try {
            seen = Class.forName(Bridge.class.getName(), false, loader);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return "its class loader does not delegate io.poolscope.* to " + where + ", so the advice cannot reach "
                    + Bridge.class.getName() + " (" + e + ")" + settings;
        }
        if (seen != Bridge.class) {
            return "its class loader has its own copy of " + Bridge.class.getName() + " (in " + describe(seen.getClassLoader())
                    + "), not poolscope's in " + where + settings + ", and keep poolscope's jar off the application's class path";
        }
        return null;
    }

    static String describe(ClassLoader loader) {
        if (loader == null) {
            return "the boot class loader";
        }
        String name = loader.getName();
        return "class loader " + (name != null ? "'" + name + "'"
                : loader.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(loader)));
    }

    /**
     * The library's version from the manifest of the jar (or folder) the class comes from:
     * {@code Implementation-Version}, else {@code Bundle-Version}; else "unknown version".
     */
    static String version(String typeName, ClassLoader loader, ProtectionDomain domain) {
        String resource = typeName.replace('.', '/') + ".class";
        try {
            URL classFile = loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
            if (classFile != null && classFile.toString().endsWith(resource)) {
                String root = classFile.toString().substring(0, classFile.toString().length() - resource.length());
                String version = manifestVersion(new URL(root + "META-INF/MANIFEST.MF"));
                if (version != null) {
                    return version;
                }
            }
        } catch (Exception | LinkageError e) {
            // try the code source
        }
        try {
            CodeSource source = domain == null ? null : domain.getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location != null) {
                String text = location.toString();
                URL manifest = text.endsWith("/") ? new URL(text + "META-INF/MANIFEST.MF")
                        : new URL("jar:" + text + "!/META-INF/MANIFEST.MF");
                String version = manifestVersion(manifest);
                if (version != null) {
                    return version;
                }
            }
        } catch (Exception | LinkageError e) {
            // no version to tell
        }
        return "unknown version";
    }

    private static String manifestVersion(URL url) throws Exception {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false); // no cached JarFile left open on the application's jar
        try (InputStream in = connection.getInputStream()) {
            Attributes main = new Manifest(in).getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            if (version == null || version.trim().isEmpty()) {
                version = main.getValue("Bundle-Version");
            }
            return version == null || version.trim().isEmpty() ? null : version.trim();
        }
    }
}
