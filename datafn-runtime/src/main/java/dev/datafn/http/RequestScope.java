package dev.datafn.http;

import dev.datafn.schema.Namespace;

/**
 * Who a request acts for.
 *
 * @param namespace the namespace its data lives in
 * @param actorId   the actor recorded in the change log, or {@code null}
 */
public record RequestScope(Namespace namespace, String actorId) {
}
