package io.poolscope.pools;

import java.util.List;

/**
 * An adapter whose parts are fixed when it is made, which is how every adapter here is written:
 * a subclass names its pool classes, hooks, shape, introspector and versions once, in its
 * constructor, and keeps only its constants, its advice and what it does differently.
 */
public abstract class DeclaredAdapter implements PoolAdapter {

    private final List<String> poolClassNames;
    private final List<Hook> hooks;
    private final Shape shape;
    private final PoolIntrospector introspector;
    private final String supportedVersions;

    protected DeclaredAdapter(List<String> poolClassNames, List<Hook> hooks, Shape shape, PoolIntrospector introspector,
                              String supportedVersions) {
        this.poolClassNames = poolClassNames;
        this.hooks = hooks;
        this.shape = shape;
        this.introspector = introspector;
        this.supportedVersions = supportedVersions;
    }

    @Override
    public final List<String> poolClassNames() {
        return poolClassNames;
    }

    @Override
    public final List<Hook> hooks() {
        return hooks;
    }

    @Override
    public final PoolIntrospector introspector() {
        return introspector;
    }

    @Override
    public final String supportedVersions() {
        return supportedVersions;
    }

    @Override
    public final Shape shape() {
        return shape;
    }
}
