package io.poolscope.pools;

import io.poolscope.pools.hikari.HikariAdapter;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeTest {

    private static final String BAG = "com.zaxxer.hikari.util.ConcurrentBag";
    private static final PoolAdapter HIKARI = new HikariAdapter();

    @Test
    void hikariOnTheTestClassPathHasTheShape() {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        assertEquals(List.of(), HIKARI.shape().mismatches(Shape.from(pool, null)));
    }

    @Test
    void changedMethodAndMissingFieldAreNamed() {
        // a ConcurrentBag whose borrow takes one argument and that has no listener field
        DynamicType.Unloaded<?> bag = new ByteBuddy().subclass(Object.class).name(BAG)
                .defineMethod("borrow", Object.class, Visibility.PUBLIC).withParameters(long.class)
                .intercept(FixedValue.nullValue()).make();
        TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(ClassFileLocator.Simple.of(bag),
                ClassFileLocator.ForClassLoader.of(getClass().getClassLoader())));
        assertEquals(List.of("com.zaxxer.hikari.util.ConcurrentBag.borrow/2 not found",
                        "field com.zaxxer.hikari.util.ConcurrentBag.listener not found"),
                HIKARI.shape().mismatches(Shape.from(pool, null)));
    }

    @Test
    void missingClassIsNamedOnceAndItsMembersNotAtAll() {
        Shape shape = HIKARI.shape();
        List<String> mismatches = shape.mismatches(name -> name.equals("com.zaxxer.hikari.pool.PoolEntry") ? null
                : TypePool.Default.of(getClass().getClassLoader()).describe(name).resolve());
        assertEquals(List.of("class com.zaxxer.hikari.pool.PoolEntry not found"), mismatches);
    }

    @Test
    void anOptionalHookIsNotAskedFor() {
        // a ConcurrentBag with borrow/2 and its listener, but no method "requite"
        DynamicType.Unloaded<?> bag = new ByteBuddy().subclass(Object.class).name(BAG)
                .defineField("listener", Object.class, Visibility.PRIVATE)
                .defineMethod("borrow", Object.class, Visibility.PUBLIC).withParameters(long.class, Object.class)
                .intercept(FixedValue.nullValue()).make();
        TypePool pool = TypePool.Default.of(ClassFileLocator.Simple.of(bag));
        Hook borrow = new Hook(BAG, "borrow", 2, Object.class);
        Hook requite = new Hook(BAG, "requite", 1, Object.class);
        assertEquals(List.of(), Shape.of(List.of(borrow, requite.optional())).mismatches(Shape.from(pool, null)));
        assertEquals(List.of(BAG + ".requite/1 not found"),
                Shape.of(List.of(borrow, requite)).mismatches(Shape.from(pool, null)));
    }

    @Test
    void hooksDescribeThemselvesByNameAndArity() {
        assertEquals("a.B.borrow/2", new Hook("a.B", "borrow", 2, Object.class).description());
        assertEquals("a.B.recycle(..)", new Hook("a.B", "recycle", Hook.ANY_ARITY, Object.class).description());
    }

    @Test
    void aMethodAHookAlreadyNamesIsCheckedOnce() {
        Shape shape = Shape.of(List.of(new Hook("a.B", "createTimeoutException", 1, Object.class)))
                .method("a.B", "createTimeoutException", 1)
                .method("a.B", "other", Hook.ANY_ARITY);
        TypeDescription empty = new ByteBuddy().subclass(Object.class).name("a.B").make().getTypeDescription();
        assertEquals(List.of("a.B.createTimeoutException/1 not found", "a.B.other(..) not found"),
                shape.mismatches(name -> name.equals("a.B") ? empty : null));
        assertEquals(List.of("class a.B not found"), shape.mismatches(name -> null));
        assertTrue(HIKARI.shape().typeNames().contains("com.zaxxer.hikari.pool.HikariPool"));
    }

    /** Every field an advice reads with @Advice.FieldValue is declared in the adapter's shape, for the hooked class. */
    @Test
    void everyFieldTheAdviceReadsIsInTheShape() {
        for (PoolAdapter adapter : PoolAdapters.all()) {
            for (Hook hook : adapter.hooks()) {
                for (Method method : hook.advice().getDeclaredMethods()) {
                    for (Annotation[] annotations : method.getParameterAnnotations()) {
                        for (Annotation annotation : annotations) {
                            if (annotation instanceof Advice.FieldValue) {
                                String field = ((Advice.FieldValue) annotation).value();
                                assertTrue(adapter.shape().fieldNames(hook.typeName()).contains(field),
                                        hook.advice().getSimpleName() + " reads " + hook.typeName() + "." + field
                                                + ", which " + adapter.getClass().getSimpleName() + ".shape() does not declare");
                            }
                        }
                    }
                }
            }
        }
    }
}
