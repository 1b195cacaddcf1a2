package dev.datafn.spi;

import io.helidon.webserver.http.ServerRequest;

/**
 * Maps a request to the namespace its data lives in, and optionally to the actor recorded in the
 * change log. Every row, change record, idempotency record and sequence belongs to exactly one
 * namespace; a request never sees another's. Typical namespaces: {@code user:<id>},
 * {@code tenant:<t>:user:<u>} (see {@link dev.datafn.Namespaces}).
 */
@FunctionalInterface
public interface NamespaceProvider {

    /**
     * @param request the HTTP request, with its headers and the attributes authentication set
     * @return the namespace: 1 to 255 characters
     */
    String getNamespace(ServerRequest request);

    /**
     * @param request the HTTP request
     * @return who makes the request, recorded with each change; {@code null} when unknown
     */
    default String getActorId(ServerRequest request) {
        return null;
    }
}
