package io.poolscope.agent;

import io.poolscope.bridge.Bridge;
import io.poolscope.pools.PoolAdapter;
import io.poolscope.report.Log;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

/** Installs every adapter's advice; classes already loaded are retransformed. */
final class Installer {

    private Installer() {
    }

    static AtomicInteger install(Instrumentation instrumentation, List<PoolAdapter> adapters, Log log) {
        AtomicInteger transformed = new AtomicInteger();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.Listener.ModuleReadEdgeCompleting.of(instrumentation, false, Bridge.class))
                .with(new Reporting(log, transformed))
                .ignore(nameStartsWith("io.poolscope.").or(nameStartsWith("java.")).or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun.")));
        for (PoolAdapter adapter : adapters) {
            builder = adapter.instrument(builder);
        }
        builder.installOn(instrumentation);
        return transformed;
    }

    /** Logs instrumentation failures (once per type) and counts the classes changed. */
    private static final class Reporting extends AgentBuilder.Listener.Adapter {
        private final Log log;
        private final AtomicInteger transformed;

        Reporting(Log log, AtomicInteger transformed) {
            this.log = log;
            this.transformed = transformed;
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            transformed.incrementAndGet();
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            log.warn("poolscope: could not instrument " + typeName + " (" + error + "); it is not recorded");
        }
    }
}
