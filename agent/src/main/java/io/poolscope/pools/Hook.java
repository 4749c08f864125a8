package io.poolscope.pools;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * One piece of advice: which class (by exact name), which of its methods, and the advice class.
 * Made from a method name and arity, the hook also names what it needs in an adapter's
 * {@link Shape} check ({@code PoolEntry.recycle(..)}, {@code ConcurrentBag.borrow/2}), unless it is
 * {@linkplain #optional() optional}: applied where its methods exist, not asked for where they do not.
 */
public final class Hook {

    /** For {@link #Hook(String, String, int, Class)}: a method of that name with any number of parameters. */
    public static final int ANY_ARITY = -1;

    private final String typeName;
    private final ElementMatcher<? super MethodDescription> methods;
    private final Class<?> advice;
    private final String description;
    /** The methods may be absent (a version without them): the shape check does not ask for them. */
    private final boolean optional;

    public Hook(String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
        this(typeName, methods, advice, typeName + " method " + methods, false);
    }

    /** The methods {@code methods} matches, named {@code description} where a check reports them missing. */
    public Hook(String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice, String description) {
        this(typeName, methods, advice, description, false);
    }

    /** The methods {@code methodName} with {@code arity} parameters, or any number if {@link #ANY_ARITY}. */
    public Hook(String typeName, String methodName, int arity, Class<?> advice) {
        this(typeName, matching(methodName, arity), advice, describe(typeName, methodName, arity), false);
    }

    private Hook(String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice, String description,
                 boolean optional) {
        this.typeName = typeName;
        this.methods = methods;
        this.advice = advice;
        this.description = description;
        this.optional = optional;
    }

    /** This hook, for methods that only some versions of the library have. */
    public Hook optional() {
        return new Hook(typeName, methods, advice, description, true);
    }

    public boolean isOptional() {
        return optional;
    }

    static ElementMatcher<? super MethodDescription> matching(String methodName, int arity) {
        return arity == ANY_ARITY ? named(methodName) : named(methodName).and(takesArguments(arity));
    }

    static String describe(String typeName, String methodName, int arity) {
        return typeName + "." + methodName + (arity == ANY_ARITY ? "(..)" : "/" + arity);
    }

    public String typeName() {
        return typeName;
    }

    public ElementMatcher<? super MethodDescription> methods() {
        return methods;
    }

    public Class<?> advice() {
        return advice;
    }

    /** The hooked methods as a check reports them missing: {@code a.b.C.name/2}, {@code a.b.C.name(..)}. */
    public String description() {
        return description;
    }
}
