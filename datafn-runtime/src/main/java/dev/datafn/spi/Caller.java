package dev.datafn.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Who makes a request, as its credentials prove: what an {@link Authenticator} answers. The request
 * pipeline keeps it in the request's context, where a {@link NamespaceProvider} and an {@link Authorizer}
 * find it with {@code request.context().get(Caller.class)}.
 *
 * @param userId   the user, never blank
 * @param tenantId the user's tenant, or {@code null} for single-tenant use
 * @param claims   every claim the credentials carry, for authorization decisions (e.g. an {@code admin}
 *                 claim)
 */
public record Caller(String userId, String tenantId, Map<String, Object> claims) {

    /** Checks the user and copies the claims, leaving out those whose value is JSON {@code null}. */
    public Caller {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a caller has a user id");
        }
        Map<String, Object> present = new java.util.HashMap<>();
        Objects.requireNonNull(claims, "claims").forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        claims = Map.copyOf(present);
    }
}
