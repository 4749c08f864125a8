package io.poolscope.pools.generic;

import io.poolscope.pools.PoolAdapter;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The generic fallback (option {@code generic=on}): which classes get {@link GenericAcquireAdvice}
 * (every {@code javax.sql.DataSource} class, on its {@code getConnection()} and
 * {@code getConnection(String, String)}) and {@link GenericCloseAdvice} (every
 * {@code java.sql.Connection} class, on its {@code close()}), except the classes of the pool
 * libraries poolscope has an adapter for, its own, the JDK's (JDK proxies are kept: wrappers
 * hand those out), and data sources known to hand out lazy handles (Spring's
 * {@code LazyConnectionDataSourceProxy} and {@code TransactionAwareDataSourceProxy}).
 *
 * <p>Unlike an adapter, the classes are not known by name: each class file the JVM loads is looked
 * at. {@link #mayMatch} keeps that cheap: a class can only be one of these if its class file names
 * {@code java/sql/Connection} (the return type of {@code getConnection}, the interface a connection
 * class implements, or the type of what a wrapper delegates to), so only those are described and
 * matched by type, which reads their superclasses' class files. A subclass that inherits
 * {@code close()} gets no advice of its own, and needs none: its superclass's sees its object.
 *
 * <p>In the test kit's terms ({@code org.example.fakepool.PoolShapes}): a key per lease, as
 * {@code ProxyPerLease}, and calls nested in one acquire, as {@code Wrapper}, except that the nested
 * data sources are other objects and that a known pool's acquire inside takes the lease over; the
 * recorder's side is tested in {@code GenericRecordingTest}.
 */
public final class GenericFallback {

    static final String DATA_SOURCE = "javax.sql.DataSource";
    static final String CONNECTION = "java.sql.Connection";
    private static final byte[] MARKER = "java/sql/Connection".getBytes(StandardCharsets.US_ASCII);
    /** Never instrumented, as internal names: poolscope, Byte Buddy, the JDK (but its proxies). */
    private static final List<String> ALWAYS_EXCLUDED = Arrays.asList(
            "io/poolscope/", "net/bytebuddy/", "java/", "javax/", "jdk/internal/", "sun/", "com/sun/");
    private static final String JDK_PROXIES = "com/sun/proxy/";
    /**
     * Data sources whose getConnection hands out a lazy handle and takes the real connection from
     * their target later, on first use: that later call is the acquire (the target's, or a known
     * pool's), and their own would count the same lease twice.
     */
    private static final List<String> LAZY_DATA_SOURCES = Arrays.asList(
            "org/springframework/jdbc/datasource/LazyConnectionDataSourceProxy",
            "org/springframework/jdbc/datasource/TransactionAwareDataSourceProxy"); // lazy by default

    private final List<String> excluded;

    /** @param adapters the pool adapters, whose libraries' classes the fallback leaves to them */
    public GenericFallback(List<PoolAdapter> adapters) {
        List<String> prefixes = new ArrayList<>(ALWAYS_EXCLUDED);
        prefixes.addAll(LAZY_DATA_SOURCES);
        for (PoolAdapter adapter : adapters) {
            for (String prefix : adapter.genericExclusions()) {
                prefixes.add(prefix.replace('.', '/'));
            }
        }
        this.excluded = Collections.unmodifiableList(prefixes);
    }

    /** Whether a class of this internal name ({@code a/b/C}) may get the fallback's advice. */
    public boolean covers(String internalName) {
        if (internalName.startsWith(JDK_PROXIES)) {
            return true;
        }
        for (String prefix : excluded) {
            if (internalName.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cheap test on every class file the JVM loads: a covered name whose class file mentions
     * {@code java/sql/Connection}. Only these go on to Byte Buddy's type matching.
     */
    public boolean mayMatch(String internalName, byte[] classFile) {
        return internalName != null && classFile != null && covers(internalName) && contains(classFile, MARKER);
    }

    static boolean contains(byte[] data, byte[] marker) {
        byte first = marker[0];
        int last = data.length - marker.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A class of the JVM, loaded before poolscope, that the fallback instruments when attached. */
    public boolean isCandidate(Class<?> type) {
        return !type.isInterface() && !type.isArray() && !type.isPrimitive() && covers(type.getName().replace('.', '/'))
                && (javax.sql.DataSource.class.isAssignableFrom(type) || java.sql.Connection.class.isAssignableFrom(type));
    }

    /** Concrete or abstract classes (not interfaces) implementing {@code javax.sql.DataSource}. */
    public ElementMatcher<TypeDescription> dataSources() {
        return implementing(DATA_SOURCE);
    }

    /** Classes implementing {@code java.sql.Connection}. */
    public ElementMatcher<TypeDescription> connections() {
        return implementing(CONNECTION);
    }

    private ElementMatcher<TypeDescription> implementing(String interfaceName) {
        ElementMatcher<TypeDescription> subType = hasSuperType(named(interfaceName));
        return type -> {
            try {
                return !type.isInterface() && covers(type.getInternalName()) && subType.matches(type);
            } catch (RuntimeException | LinkageError unresolvable) {
                return false; // a supertype whose class file cannot be read: left alone
            }
        };
    }

    /** {@code getConnection()} and {@code getConnection(String, String)} with code. */
    public static ElementMatcher<MethodDescription> getConnectionMethods() {
        return named("getConnection").and(takesArguments(0).or(takesArguments(String.class, String.class)))
                .and(not(isAbstract())).and(not(isStatic())).and(not(isBridge()));
    }

    /** {@code close()} with code. */
    public static ElementMatcher<MethodDescription> closeMethods() {
        return named("close").and(takesArguments(0)).and(not(isAbstract())).and(not(isStatic())).and(not(isBridge()));
    }
}
