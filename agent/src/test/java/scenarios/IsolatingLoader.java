package scenarios;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * A class loader like a container's: the classes and resources of its own jars first (child-first
 * for {@code com.zaxxer.}), everything else from its parent. Optionally refuses {@code io.poolscope.*},
 * as an OSGi bundle or JBoss module does unless told to delegate it to the boot class loader.
 */
public final class IsolatingLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String OWN = "com.zaxxer.";
    private final boolean refusePoolscope;

    public IsolatingLoader(String name, URL[] jars, boolean refusePoolscope) {
        super(name, jars, IsolatingLoader.class.getClassLoader());
        this.refusePoolscope = refusePoolscope;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (refusePoolscope && name.startsWith("io.poolscope.")) {
            throw new ClassNotFoundException(name);
        }
        if (!name.startsWith(OWN)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = findClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(OWN.replace('.', '/')) || name.startsWith("META-INF/")) {
            URL own = findResource(name);
            if (own != null) {
                return own;
            }
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(OWN.replace('.', '/')) ? findResources(name) : super.getResources(name);
    }
}
