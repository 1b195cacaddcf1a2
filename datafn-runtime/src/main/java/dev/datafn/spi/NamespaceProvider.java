package dev.datafn.spi;

import dev.datafn.schema.Namespace;
import io.helidon.webserver.http.ServerRequest;

/**
 * Maps a request to the namespace its data lives in, and optionally to the actor recorded in the
 * change log. Every row, change record, idempotency record and sequence belongs to exactly one
 * namespace; a request never sees another's. Typical namespaces: {@code user:<id>},
 * {@code tenant:<t>:user:<u>} (see {@link Namespace}).
 */
@FunctionalInterface
public interface NamespaceProvider {

    /**
     * @param request the HTTP request, with its headers and the attributes authentication set
     * @return the namespace; providers that compute a string make it with {@link Namespace#of}, which
     *     refuses an invalid one
     */
    Namespace getNamespace(ServerRequest request);

    /**
     * @param request the HTTP request
     * @return who makes the request, recorded with each change; {@code null} when unknown
     */
    default String getActorId(ServerRequest request) {
        return null;
    }

    /**
     * The namespaces of seed 001's multi-user isolation, from what authentication knows of a request:
     * {@code datafn} without a user, {@code user:<userId>} with one, {@code tenant:<tenantId>:user:<userId>}
     * with a tenant too. The user id is also the actor recorded with each change.
     *
     * <pre>{@code
     * .namespaceProvider(NamespaceProvider.fromAuthContext(
     *         req -> req.context().get("userId", String.class).orElse(null),
     *         req -> req.context().get("tenantId", String.class).orElse(null)))
     * }</pre>
     *
     * @param userId   the request's user id, or {@code null} when it has none
     * @param tenantId the request's tenant id, or {@code null} when it has none (or for single-tenant use)
     * @return the provider
     */
    static NamespaceProvider fromAuthContext(java.util.function.Function<ServerRequest, String> userId,
            java.util.function.Function<ServerRequest, String> tenantId) {
        return new NamespaceProvider() {
            @Override
            public Namespace getNamespace(ServerRequest request) {
                String user = userId.apply(request);
                if (user == null) {
                    return Namespace.DEFAULT;
                }
                String tenant = tenantId == null ? null : tenantId.apply(request);
                return tenant == null ? Namespace.user(user) : Namespace.tenantUser(tenant, user);
            }

            @Override
            public String getActorId(ServerRequest request) {
                return userId.apply(request);
            }
        };
    }

    /**
     * The namespace of the request's authenticated {@link Caller}: {@code user:<userId>}, or
     * {@code tenant:<tenantId>:user:<userId>} with a tenant; the user is the actor. What the HTTP service
     * uses when it has an {@link Authenticator} and no other provider.
     *
     * @return the provider
     */
    static NamespaceProvider fromCaller() {
        return new NamespaceProvider() {
            @Override
            public Namespace getNamespace(ServerRequest request) {
                Caller caller = caller(request);
                return caller.tenantId() == null ? Namespace.user(caller.userId())
                        : Namespace.tenantUser(caller.tenantId(), caller.userId());
            }

            @Override
            public String getActorId(ServerRequest request) {
                return caller(request).userId();
            }

            private Caller caller(ServerRequest request) {
                return request.context().get(Caller.class).orElseThrow(() -> new IllegalStateException(
                        "no authenticated caller: fromCaller() needs an Authenticator"));
            }
        };
    }
}
