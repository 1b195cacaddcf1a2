package dev.datafn.internal;

import dev.datafn.DataFn;
import io.helidon.webserver.http.HttpRules;

/** Registers the REST wrappers of one resource; a generated {@code <Record>Routes} only forwards here. */
public final class RestBinding {

    private RestBinding() {
    }

    /**
     * Registers {@code GET/POST /resources/<resource>} and {@code PATCH/DELETE /resources/<resource>/{id}}.
     *
     * @param rules    the routing rules of the service being set up
     * @param datafn   the engine
     * @param resource the resource name
     */
    public static void register(HttpRules rules, DataFn datafn, String resource) {
        datafn.registerRestRoutes(rules, resource);
    }
}
