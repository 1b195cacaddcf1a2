package dev.datafn.http;

import dev.datafn.DataFn;
import dev.datafn.schema.Namespace;

/**
 * Who a request acts for, and the engine as that caller may use it.
 *
 * @param namespace the namespace its data lives in
 * @param actorId   the actor recorded in the change log, or {@code null}
 * @param engine    the engine restricted to what the caller may read and write
 */
public record RequestScope(Namespace namespace, String actorId, DataFn engine) {
}
