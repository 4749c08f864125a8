package io.poolscope.record;

import io.poolscope.config.FrameLayers;
import io.poolscope.config.Option;
import io.poolscope.config.Options;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts the frames of an acquisition stack into the application's and those of the layers between
 * it and the pool ({@link FrameLayers}, refined by {@code appPackages} and {@code frameworkPackages}).
 * Built once per recording; used only when a stack is first interned, never per lease.
 */
final class FrameClassifier {

    /** A frame of the application: a call site. */
    static final byte APP = 0;
    /** A frame of a framework or library layer. */
    static final byte LAYER = 1;
    /** A frame of the JDK (proxies it generates included). */
    static final byte JDK = 2;
    /** A method of a subclass proxy ({@code $$SpringCGLIB$$} and the like); see {@link #proxied}. */
    static final byte PROXY = 3;
    /** With {@code appPackages} set: a frame outside them and outside every layer. */
    static final byte OTHER = 4;

    private static final String GENERATED_LABEL = "generated proxies";

    private final String[] appPrefixes;
    private final String[] jdkPrefixes;
    private final String[] layerPrefixes;
    private final String[] markers;

    FrameClassifier(List<String> appPackages, List<String> frameworkEdits) {
        this.appPrefixes = appPackages.toArray(new String[0]);
        List<String> jdk = new ArrayList<>(FrameLayers.GENERATED.prefixes()); // first: jdk.proxy2 counts as a proxy
        jdk.addAll(FrameLayers.JDK.prefixes());
        this.jdkPrefixes = jdk.toArray(new String[0]);
        List<String> layers = FrameLayers.removablePrefixes();
        for (String edit : frameworkEdits) {
            String prefix = edit.substring(1);
            if (edit.charAt(0) == '-') {
                layers.remove(prefix);
            } else if (!layers.contains(prefix)) {
                layers.add(prefix);
            }
        }
        this.layerPrefixes = layers.toArray(new String[0]);
        this.markers = FrameLayers.GENERATED.markers().toArray(new String[0]);
    }

    static FrameClassifier of(Options options) {
        return new FrameClassifier(options.get(Option.APP_PACKAGES), options.get(Option.FRAMEWORK_PACKAGES));
    }

    /** The default table, without options. */
    static FrameClassifier defaults() {
        return new FrameClassifier(new ArrayList<>(), new ArrayList<>());
    }

    byte classify(String className) {
        if (marker(className) >= 0) {
            return PROXY;
        }
        if (appPrefixes.length > 0 && match(className, appPrefixes) >= 0) {
            return APP; // before the layers: an application may live under org.springframework.samples
        }
        if (match(className, jdkPrefixes) >= 0) {
            return JDK;
        }
        if (match(className, layerPrefixes) >= 0) {
            return LAYER;
        }
        return appPrefixes.length > 0 ? OTHER : APP;
    }

    /**
     * The application class a subclass proxy stands for ({@code com.shop.Orders} for
     * {@code com.shop.Orders$$SpringCGLIB$$0}), or {@code null} when the proxied class is not the
     * application's.
     */
    String proxied(String className) {
        int at = marker(className);
        if (at <= 0) {
            return null;
        }
        String base = className.substring(0, at);
        return classify(base) == APP ? base : null;
    }

    /** The name a folded frame is counted under: its layer's package, or the first two parts of its own. */
    String label(String className) {
        if (marker(className) >= 0) {
            return GENERATED_LABEL;
        }
        int i = match(className, jdkPrefixes);
        if (i >= 0) {
            return jdkPrefixes[i].startsWith("jdk.proxy") || jdkPrefixes[i].equals("com.sun.proxy.") ? GENERATED_LABEL
                    : withoutDot(jdkPrefixes[i]);
        }
        if (appPrefixes.length == 0 || match(className, appPrefixes) < 0) {
            i = match(className, layerPrefixes);
            if (i >= 0) {
                return withoutDot(layerPrefixes[i]);
            }
        }
        int dot = className.indexOf('.');
        int second = dot < 0 ? -1 : className.indexOf('.', dot + 1);
        int lastDot = className.lastIndexOf('.');
        if (second > 0 && second < lastDot) {
            return className.substring(0, second);
        }
        return lastDot > 0 ? className.substring(0, lastDot) : "(default package)";
    }

    private int marker(String className) {
        if (className.indexOf('$') < 0) {
            return -1;
        }
        for (String marker : markers) {
            int at = className.indexOf(marker);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** The first prefix {@code className} is in: "com.acme." holds com.acme.X, and the class com.acme itself and its nested classes. */
    private static int match(String className, String[] prefixes) {
        for (int i = 0; i < prefixes.length; i++) {
            String prefix = prefixes[i];
            if (className.startsWith(prefix)) {
                return i;
            }
            int stem = prefix.length() - 1;
            if (prefix.charAt(stem) == '.' && className.regionMatches(0, prefix, 0, stem)
                    && (className.length() == stem || className.charAt(stem) == '$')) {
                return i;
            }
        }
        return -1;
    }

    private static String withoutDot(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
