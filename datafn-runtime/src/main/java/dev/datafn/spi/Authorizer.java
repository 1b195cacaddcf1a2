package dev.datafn.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;

/**
 * Decides per request whether it may proceed; a refusal answers 403 FORBIDDEN. Called after the body
 * is parsed and before anything is read or written.
 */
@FunctionalInterface
public interface Authorizer {

    /**
     * @param request the HTTP request
     * @param action  seed 000's action: {@code status}, {@code query}, {@code mutation}, {@code transact},
     *                {@code seed}, {@code clone}, {@code pull}, {@code push}, {@code reconcile}; REST reads are
     *                {@code query} and REST writes {@code mutation} (seed 002); {@code search} for
     *                {@code POST /datafn/search} (a query's {@code search} block is part of {@code query}) and
     *                {@code ws} for the WebSocket upgrade
     * @param payload the operation in its DFQL form: the parsed body, or for a REST call the query or
     *                mutation it stands for; {@code null} for {@code status}
     * @return whether the request may proceed
     */
    boolean authorize(ServerRequest request, String action, JsonNode payload);
}
