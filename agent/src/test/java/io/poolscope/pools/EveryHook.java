package io.poolscope.pools;

import java.util.ArrayList;
import java.util.List;

/**
 * For tests against the newest version of a library, which has every hooked method: the adapter's
 * shape with its optional hooks asked for too.
 */
public final class EveryHook {

    private EveryHook() {
    }

    public static Shape shapeOf(PoolAdapter adapter) {
        List<Hook> required = new ArrayList<>();
        for (Hook hook : adapter.hooks()) {
            required.add(new Hook(hook.typeName(), hook.methods(), hook.advice(), hook.description()));
        }
        return Shape.of(required);
    }
}
