package io.poolscope.agent;

import io.poolscope.pools.ModuleOpener;
import io.poolscope.report.Log;

import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a pool library's package to poolscope with {@link Instrumentation#redefineModule}, for a
 * library on the module path (HikariCP 7 exports its packages but opens none). Each package is
 * tried once; a failure is logged once and the values behind it stay unknown.
 */
final class ModuleOpening implements ModuleOpener {

    private final Instrumentation instrumentation;
    private final Log log;
    private final Set<String> tried = ConcurrentHashMap.newKeySet();

    ModuleOpening(Instrumentation instrumentation, Log log) {
        this.instrumentation = instrumentation;
        this.log = log;
    }

    @Override
    public boolean open(Class<?> type, Module reader) {
        try {
            Module module = type.getModule();
            String pkg = type.getPackageName();
            if (!module.isNamed() || module.isOpen(pkg, reader)) {
                return true;
            }
            if (!tried.add(module.getName() + "/" + pkg)) {
                return false; // tried already, and it did not work
            }
            if (!instrumentation.isModifiableModule(module)) {
                log.warn("poolscope: cannot open package " + pkg + " of module " + module.getName()
                        + " to read the pool's configuration (the module cannot be modified); its name and settings are unknown");
                return false;
            }
            Map<String, Set<Module>> opens = Collections.singletonMap(pkg, Collections.singleton(reader));
            instrumentation.redefineModule(module, Collections.emptySet(), Collections.emptyMap(), opens,
                    Collections.emptySet(), Collections.emptyMap());
            return module.isOpen(pkg, reader);
        } catch (RuntimeException | LinkageError e) {
            log.warn("poolscope: could not open package " + type.getPackageName() + " of module "
                    + type.getModule().getName() + " to read the pool's configuration (" + e
                    + "); its name and settings are unknown");
            return false;
        }
    }
}
