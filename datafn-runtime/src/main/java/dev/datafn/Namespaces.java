package dev.datafn;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.util.Objects;

/** The namespace formats of the DataFn protocol, and the check every namespace passes. */
public final class Namespaces {

    /** The namespace of requests without a namespace provider. */
    public static final String DEFAULT = "datafn";

    /** The longest namespace accepted. */
    public static final int MAX_LENGTH = 255;

    private Namespaces() {
    }

    /** @param userId a user id @return {@code user:<userId>} */
    public static String user(String userId) {
        return "user:" + Objects.requireNonNull(userId, "userId");
    }

    /** @param tenantId a tenant id @param userId a user id @return {@code tenant:<tenantId>:user:<userId>} */
    public static String tenantUser(String tenantId, String userId) {
        return "tenant:" + Objects.requireNonNull(tenantId, "tenantId") + ":user:" + Objects.requireNonNull(userId, "userId");
    }

    /**
     * @param namespace a namespace from a provider or a caller
     * @return it, when it is 1 to 255 characters without control characters
     * @throws DataFnException {@code FORBIDDEN} otherwise: a request without a usable namespace is refused,
     *     never served from some default
     */
    public static String validate(String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.length() > MAX_LENGTH
                || namespace.chars().anyMatch(Character::isISOControl)) {
            throw new DataFnException(ErrorCode.FORBIDDEN, "the request has no valid namespace");
        }
        return namespace;
    }
}
