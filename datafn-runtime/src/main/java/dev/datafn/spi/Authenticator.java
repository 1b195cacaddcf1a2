package dev.datafn.spi;

import io.helidon.webserver.http.ServerRequest;

/**
 * Proves who makes a request, before anything else of it is read: the request pipeline's first stage.
 * A request it refuses is answered 401 {@code UNAUTHORIZED} with {@code WWW-Authenticate: Bearer}, and its
 * body is never read.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param request the HTTP request, with its headers
     * @return the caller its credentials prove
     * @throws dev.datafn.error.DataFnException {@code UNAUTHORIZED} when the credentials are missing,
     *     malformed, wrongly signed, expired or not valid yet
     */
    Caller authenticate(ServerRequest request);
}
