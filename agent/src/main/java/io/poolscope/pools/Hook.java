package io.poolscope.pools;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One piece of advice: which class (by exact name), which of its methods, and the advice class. */
public final class Hook {

    private final String typeName;
    private final ElementMatcher<? super MethodDescription> methods;
    private final Class<?> advice;

    public Hook(String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
        this.typeName = typeName;
        this.methods = methods;
        this.advice = advice;
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
}
