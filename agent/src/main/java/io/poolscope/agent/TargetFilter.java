package io.poolscope.agent;

import io.poolscope.pools.generic.GenericFallback;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The transformer the JVM calls for every class: a name lookup, and nothing else unless the class is
 * one poolscope instruments. Byte Buddy, whose set-up costs hundreds of milliseconds, is built only
 * then, or earlier in the background ({@link #prepare()}), so it does not delay the application's
 * start.
 */
final class TargetFilter implements ClassFileTransformer {

    private final Set<String> targets;
    private final GenericFallback generic;
    private final Supplier<ClassFileTransformer> factory;
    private final Consumer<Throwable> buildFailed;
    private ClassFileTransformer delegate; // guarded by this

    /** A transformer that leaves every class as it is: what is left when the real one cannot be built. */
    private static final ClassFileTransformer NOTHING = new ClassFileTransformer() { };

    TargetFilter(List<String> internalNames, Supplier<ClassFileTransformer> factory) {
        this(internalNames, null, factory, error -> { });
    }

    /**
     * With {@code generic} not null, also the classes the generic fallback may instrument (a look at
     * their bytes). {@code buildFailed} is told, once, if the real transformer cannot be built; then
     * no class is changed.
     */
    TargetFilter(List<String> internalNames, GenericFallback generic, Supplier<ClassFileTransformer> factory,
                 Consumer<Throwable> buildFailed) {
        this.targets = new HashSet<>(internalNames);
        this.generic = generic;
        this.factory = factory;
        this.buildFailed = buildFailed;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (className == null || !targets.contains(className) && (generic == null || !generic.mayMatch(className, classFile))) {
            return null;
        }
        try {
            return prepare().transform(module, loader, className, redefined, domain, classFile);
        } catch (Throwable error) {
            return null; // the class stays as it was; Byte Buddy's listener has logged why
        }
    }

    /** Builds the real transformer once; callers wait for a build in progress. */
    synchronized ClassFileTransformer prepare() {
        if (delegate == null) {
            try {
                delegate = factory.get();
            } catch (Throwable error) {
                delegate = NOTHING;
                buildFailed.accept(error);
            }
        }
        return delegate;
    }

    /** The instrumented classes that were loaded before this filter was installed. */
    List<Class<?>> alreadyLoaded(Instrumentation instrumentation) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            boolean target = targets.contains(type.getName().replace('.', '/')) || generic != null && generic.isCandidate(type);
            if (target && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        return loaded;
    }
}
