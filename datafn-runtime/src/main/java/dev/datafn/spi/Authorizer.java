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
     * @param action  the action: {@code status}, {@code query}, {@code mutation}, ...
     * @param payload the parsed request body, or {@code null} for a GET
     * @return whether the request may proceed
     */
    boolean authorize(ServerRequest request, String action, JsonNode payload);
}
