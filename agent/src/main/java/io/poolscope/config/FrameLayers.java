package io.poolscope.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The one table of the layers between an application and its pool: the JDK, generated proxies,
 * frameworks and libraries. A frame of these is never the call site of a lease while a frame of
 * the application is on the stack, and long runs of them are folded in printed stacks. {@code help}
 * and the README show this table; {@code appPackages} and {@code frameworkPackages} refine it.
 */
public final class FrameLayers {

    /** One row: what the layer is and how its frames are recognised. */
    public static final class Layer {
        private final String name;
        private final List<String> prefixes;
        private final List<String> markers;

        private Layer(String name, List<String> prefixes, List<String> markers) {
            this.name = name;
            this.prefixes = Collections.unmodifiableList(prefixes);
            this.markers = Collections.unmodifiableList(markers);
        }

        public String name() {
            return name;
        }

        /** Package prefixes, each ending in a dot (or a name prefix such as {@code jdk.proxy}). */
        public List<String> prefixes() {
            return prefixes;
        }

        /** Text found inside the class names of generated classes, e.g. {@code $$SpringCGLIB$$}. */
        public List<String> markers() {
            return markers;
        }
    }

    /** The JDK's own layer: the fallback call site is the first frame outside it (and outside the pool). */
    public static final Layer JDK = new Layer("JDK",
            Arrays.asList("java.", "javax.", "jdk.", "sun.", "com.sun."), Collections.emptyList());

    /**
     * Classes generated at run time. A subclass proxy ({@code com.shop.Orders$$SpringCGLIB$$0})
     * names the application's class it stands for: entering a method of it is the call site when
     * the proxy took the connection itself, as a {@code @Transactional} method's proxy does.
     */
    public static final Layer GENERATED = new Layer("generated proxies",
            Arrays.asList("jdk.proxy", "com.sun.proxy."),
            Arrays.asList("$$SpringCGLIB$$", "$$EnhancerBySpringCGLIB$$", "$HibernateProxy$", "$ByteBuddy$"));

    public static final List<Layer> ALL = Collections.unmodifiableList(Arrays.asList(
            JDK,
            GENERATED,
            layer("Jakarta EE", "jakarta."),
            layer("Spring", "org.springframework."),
            layer("Hibernate", "org.hibernate."),
            layer("MyBatis", "org.apache.ibatis.", "org.mybatis."),
            layer("jOOQ", "org.jooq."),
            layer("Jdbi", "org.jdbi."),
            layer("Exposed", "org.jetbrains.exposed."),
            layer("Micrometer", "io.micrometer."),
            layer("datasource-proxy", "net.ttddyy."),
            layer("Tomcat", "org.apache.catalina.", "org.apache.tomcat.", "org.apache.coyote."),
            layer("Undertow", "io.undertow."),
            layer("Jetty", "org.eclipse.jetty."),
            layer("Netty", "io.netty."),
            layer("Reactor", "reactor."),
            layer("Kotlin", "kotlin.", "kotlinx.coroutines."),
            layer("Groovy", "groovy.", "org.codehaus.groovy."),
            layer("connection pools", "com.zaxxer.hikari.", "org.apache.commons.dbcp2.", "org.apache.commons.pool2.",
                    "com.mchange.", "org.vibur.", "io.agroal.", "com.alibaba.druid.", "oracle.ucp.", "org.h2.jdbcx."),
            layer("test runners", "org.junit.", "junit.", "org.testng.", "org.apache.maven.surefire.", "org.gradle.")));

    private FrameLayers() {
    }

    private static Layer layer(String name, String... prefixes) {
        return new Layer(name, Arrays.asList(prefixes), Collections.emptyList());
    }

    /** Every prefix of the table, in table order. */
    public static List<String> allPrefixes() {
        List<String> prefixes = new ArrayList<>();
        for (Layer layer : ALL) {
            prefixes.addAll(layer.prefixes);
        }
        return prefixes;
    }

    /** The prefixes {@code frameworkPackages=-...} may take out: every one but the JDK's and the generated proxies'. */
    public static List<String> removablePrefixes() {
        List<String> prefixes = new ArrayList<>();
        for (Layer layer : ALL) {
            if (layer != JDK && layer != GENERATED) {
                prefixes.addAll(layer.prefixes);
            }
        }
        return prefixes;
    }

    /** The table as text, for {@code help}. */
    public static String helpText() {
        StringBuilder text = new StringBuilder();
        text.append("Frames of these layers never name a lease while a frame of the application is on its stack\n")
                .append("(appPackages=com.acme,... names the application's packages; frameworkPackages=+com.corp.dao adds a layer):\n");
        int width = 0;
        for (Layer layer : ALL) {
            width = Math.max(width, layer.name.length() + 2);
        }
        for (Layer layer : ALL) {
            text.append("  ").append(layer.name);
            for (int i = layer.name.length(); i < width; i++) {
                text.append(' ');
            }
            List<String> matches = new ArrayList<>();
            for (String prefix : layer.prefixes) {
                matches.add(prefix.endsWith(".") ? prefix : prefix + "*");
            }
            for (String marker : layer.markers) {
                matches.add("*" + marker + "*");
            }
            text.append(String.join(" ", matches)).append('\n');
        }
        return text.toString();
    }
}
