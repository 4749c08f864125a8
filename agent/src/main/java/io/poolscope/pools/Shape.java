package io.poolscope.pools;

import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an adapter's advice needs of a pool library's classes: the classes it hooks, a method
 * matching each required hook (taken from the hooks themselves, so the two cannot drift; an
 * {@linkplain Hook#optional() optional} one is not asked for), and the fields
 * the advice reads ({@code @Advice.FieldValue}), declared by the adapter. Checked against class
 * files, not loaded classes, before any of the adapter's classes is transformed in a class loader:
 * if anything is missing the adapter is left out there, instead of inlining advice that the JVM
 * would reject or that would record half of what happens.
 *
 * <p>Immutable: {@link #method} and {@link #field} return a new shape.
 */
public final class Shape {

    /** Finds a type by name in one class loader's class files; {@code null} if there is none. */
    public interface Types {
        TypeDescription find(String typeName);
    }

    private static final class MethodNeed {
        final String typeName;
        final ElementMatcher<? super MethodDescription> matcher;
        final String description;

        MethodNeed(String typeName, ElementMatcher<? super MethodDescription> matcher, String description) {
            this.typeName = typeName;
            this.matcher = matcher;
            this.description = description;
        }
    }

    private static final class FieldNeed {
        final String typeName;
        final String fieldName;

        FieldNeed(String typeName, String fieldName) {
            this.typeName = typeName;
            this.fieldName = fieldName;
        }
    }

    private final List<MethodNeed> methods;
    private final List<FieldNeed> fields;

    private Shape(List<MethodNeed> methods, List<FieldNeed> fields) {
        this.methods = Collections.unmodifiableList(methods);
        this.fields = Collections.unmodifiableList(fields);
    }

    /** The classes and methods the hooks instrument (but optional ones); add the fields their advice reads with {@link #field}. */
    public static Shape of(List<Hook> hooks) {
        List<MethodNeed> methods = new ArrayList<>();
        for (Hook hook : hooks) {
            if (!hook.isOptional()) {
                methods.add(new MethodNeed(hook.typeName(), hook.methods(), hook.description()));
            }
        }
        return new Shape(methods, new ArrayList<>());
    }

    /** A method the adapter needs that no hook names (e.g. one a hook elsewhere relies on). */
    public Shape method(String typeName, String methodName, int arity) {
        String description = Hook.describe(typeName, methodName, arity);
        for (MethodNeed need : methods) {
            if (need.description.equals(description)) {
                return this; // a hook names it already
            }
        }
        List<MethodNeed> more = new ArrayList<>(methods);
        more.add(new MethodNeed(typeName, Hook.matching(methodName, arity), description));
        return new Shape(more, new ArrayList<>(fields));
    }

    /** A field the advice reads, declared in {@code typeName} or one of its superclasses. */
    public Shape field(String typeName, String fieldName) {
        List<FieldNeed> more = new ArrayList<>(fields);
        more.add(new FieldNeed(typeName, fieldName));
        return new Shape(new ArrayList<>(methods), more);
    }

    /** Every class the shape names, hooked (by a required hook) or not. */
    public Set<String> typeNames() {
        Set<String> names = new LinkedHashSet<>();
        methods.forEach(need -> names.add(need.typeName));
        fields.forEach(need -> names.add(need.typeName));
        return names;
    }

    /** The fields declared for {@code typeName}. */
    public List<String> fieldNames(String typeName) {
        List<String> names = new ArrayList<>();
        for (FieldNeed need : fields) {
            if (need.typeName.equals(typeName)) {
                names.add(need.fieldName);
            }
        }
        return names;
    }

    /**
     * What the library's classes lack, in the order declared: {@code class a.b.C not found},
     * {@code a.b.C.borrow/2 not found}, {@code field a.b.C.listener not found}. Empty if everything
     * the advice needs is there.
     */
    public List<String> mismatches(Types types) {
        List<String> problems = new ArrayList<>();
        Set<String> missingTypes = new LinkedHashSet<>();
        for (String typeName : typeNames()) {
            if (types.find(typeName) == null) {
                missingTypes.add(typeName);
                problems.add("class " + typeName + " not found");
            }
        }
        for (MethodNeed need : methods) {
            if (!missingTypes.contains(need.typeName) && !declaresConcrete(types.find(need.typeName), need.matcher)) {
                problems.add(need.description + " not found");
            }
        }
        for (FieldNeed need : fields) {
            if (!missingTypes.contains(need.typeName) && !hasField(types.find(need.typeName), need.fieldName)) {
                problems.add("field " + need.typeName + "." + need.fieldName + " not found");
            }
        }
        return problems;
    }

    /**
     * Types from {@code pool}, except {@code current} (the class being transformed, described from
     * the bytes the JVM is about to define, which the pool's class loader may not serve as a resource).
     */
    public static Types from(TypePool pool, TypeDescription current) {
        return typeName -> {
            if (current != null && current.getName().equals(typeName)) {
                return current;
            }
            try {
                TypePool.Resolution resolution = pool.describe(typeName);
                return resolution.isResolved() ? resolution.resolve() : null;
            } catch (RuntimeException | LinkageError unreadable) {
                return null;
            }
        };
    }

    /** Advice is inlined into methods with code that the type itself declares (as Byte Buddy does). */
    private static boolean declaresConcrete(TypeDescription type, ElementMatcher<? super MethodDescription> matcher) {
        try {
            for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
                if (!method.isAbstract() && !method.isNative() && matcher.matches(method)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException | LinkageError unreadable) {
            return false;
        }
    }

    private static boolean hasField(TypeDescription type, String fieldName) {
        try {
            for (TypeDefinition current = type; current != null; ) {
                for (FieldDescription field : current.getDeclaredFields()) {
                    if (field.getName().equals(fieldName)) {
                        return true;
                    }
                }
                TypeDescription.Generic superClass = current.getSuperClass();
                current = superClass == null ? null : superClass.asErasure();
            }
            return false;
        } catch (RuntimeException | LinkageError unresolvable) {
            return false; // a superclass that cannot be read: the field cannot be shown to be there
        }
    }
}
