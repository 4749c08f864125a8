package io.poolscope.agent;

import io.poolscope.bridge.Bridge;
import io.poolscope.pools.Hook;
import io.poolscope.pools.PoolAdapter;
import io.poolscope.pools.generic.GenericAcquireAdvice;
import io.poolscope.pools.generic.GenericCloseAdvice;
import io.poolscope.pools.generic.GenericFallback;
import io.poolscope.report.Log;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Byte Buddy transformer that inlines every adapter's advice. */
final class Installer {

    private Installer() {
    }

    /** The class names the adapters instrument, in JVM internal form ({@code a/b/C}). */
    static List<String> internalNames(List<PoolAdapter> adapters) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, List<Hook>> type : hooksByType(adapters).entrySet()) {
            names.add(type.getKey().replace('.', '/'));
        }
        return names;
    }

    /**
     * A transformer for exactly the adapters' classes; not installed (see {@link TargetFilter}). Each
     * adapter's classes are transformed in a class loader only if its {@link AdapterGate} admits
     * that class loader, so an adapter is applied there whole or not at all.
     */
    static ClassFileTransformer build(Instrumentation instrumentation, List<PoolAdapter> adapters, Log log,
                                      SkippedAdapters skipped) {
        return build(instrumentation, adapters, null, log, skipped);
    }

    /** As {@link #build(Instrumentation, List, Log, SkippedAdapters)}, with the generic fallback unless {@code generic} is null. */
    static ClassFileTransformer build(Instrumentation instrumentation, List<PoolAdapter> adapters, GenericFallback generic,
                                      Log log, SkippedAdapters skipped) {
        FaultInjection.at(FaultInjection.INSTRUMENTATION);
        // Byte Buddy must not use sun.misc.Unsafe (JDK 24+ warns about it); the build relocates this name with Byte Buddy.
        System.setProperty("net.bytebuddy.safe", "true");
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.Listener.ModuleReadEdgeCompleting.of(instrumentation, false, Bridge.class))
                .with(new Reporting(log));
        ClassLoader agentLoader = Installer.class.getClassLoader();
        for (PoolAdapter adapter : adapters) {
            AdapterGate gate = new AdapterGate(adapter, skipped, log);
            for (Map.Entry<String, List<Hook>> type : hooksByType(Collections.singletonList(adapter)).entrySet()) {
                AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice().include(agentLoader);
                for (Hook hook : type.getValue()) {
                    advice = advice.advice(hook.methods(), hook.advice().getName());
                }
                String typeName = type.getKey();
                builder = builder.type((description, loader, module, redefined, domain) ->
                        description.getName().equals(typeName) && gate.admits(description, loader, domain))
                        .transform(advice);
            }
        }
        if (generic != null) {
            GenericGate gate = new GenericGate(skipped, log);
            builder = builder
                    .type((description, loader, module, redefined, domain) ->
                            generic.dataSources().matches(description) && gate.admits(loader))
                    .transform(new AgentBuilder.Transformer.ForAdvice().include(agentLoader)
                            .advice(GenericFallback.getConnectionMethods(), GenericAcquireAdvice.class.getName()))
                    .type((description, loader, module, redefined, domain) ->
                            generic.connections().matches(description) && gate.admits(loader))
                    .transform(new AgentBuilder.Transformer.ForAdvice().include(agentLoader)
                            .advice(GenericFallback.closeMethods(), GenericCloseAdvice.class.getName()));
        }
        return builder.makeRaw();
    }

    private static Map<String, List<Hook>> hooksByType(List<PoolAdapter> adapters) {
        Map<String, List<Hook>> byType = new LinkedHashMap<>();
        for (PoolAdapter adapter : adapters) {
            for (Hook hook : adapter.hooks()) {
                byType.computeIfAbsent(hook.typeName(), name -> new ArrayList<>()).add(hook);
            }
        }
        return byType;
    }

    /** Logs instrumentation failures, once per type. */
    private static final class Reporting extends AgentBuilder.Listener.Adapter {
        private final Log log;

        Reporting(Log log) {
            this.log = log;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            log.info("instrumented " + type.getName() + (loaded ? " (retransformed)" : ""));
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            log.warn("poolscope: could not instrument " + typeName + " (" + error + "); it is not recorded");
        }
    }
}
