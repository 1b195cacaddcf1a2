package dev.datafn.processor.collect;

import dev.datafn.processor.model.ResourceModel;
import java.util.Set;

/** The outcome of reading one {@code @Resource} type. */
public sealed interface CollectResult {

    /**
     * The record was read; problems found on the way are already reported.
     *
     * @param resource the resource
     */
    record Collected(ResourceModel resource) implements CollectResult {
    }

    /**
     * The record uses types javac has not seen yet (another processor may generate them in a later
     * round); read it again next round.
     *
     * @param unresolved the unresolved type names
     */
    record Deferred(Set<String> unresolved) implements CollectResult {
        /** Copies the names. */
        public Deferred {
            unresolved = Set.copyOf(unresolved);
        }
    }

    /** The type cannot be a resource at all (the problem is reported). */
    record Rejected() implements CollectResult {
    }
}
