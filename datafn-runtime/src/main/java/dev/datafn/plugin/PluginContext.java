package dev.datafn.plugin;

import dev.datafn.schema.Namespace;
import java.util.Map;
import java.util.Objects;

/**
 * Who asks for what, as a plugin hook sees it.
 *
 * @param namespace the caller's namespace
 * @param actorId   the caller's actor id, or {@code null} (reads carry none)
 * @param claims    the caller's claims (a JWT's, say); empty for server code calling the engine directly
 * @param action    the protocol action the request performs: {@code query}, {@code mutation},
 *                  {@code transact}, {@code pull}, {@code push}, {@code clone}, {@code reconcile} or
 *                  {@code seed}
 * @param resource  the resource the hook is about, or {@code null} for a whole sync phase
 */
public record PluginContext(Namespace namespace, String actorId, Map<String, Object> claims, String action,
        String resource) {

    /** Checks the parts and copies the claims. */
    public PluginContext {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(action, "action");
        claims = claims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    /**
     * @param name a resource
     * @return this context about that resource
     */
    public PluginContext about(String name) {
        return new PluginContext(namespace, actorId, claims, action, name);
    }
}
