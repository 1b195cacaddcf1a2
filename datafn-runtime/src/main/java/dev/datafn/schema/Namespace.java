package dev.datafn.schema;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import java.util.Objects;

/**
 * A namespace: the unit of data isolation. Every row, change record, idempotency record and serverSeq
 * belongs to exactly one, and no call in one namespace sees another's data. A {@code Namespace} is
 * checked once, when it is made, so every layer can trust it.
 *
 * <p>The formats of the DataFn protocol (seed 001): {@code datafn} (the default, without a user),
 * {@code user:<userId>} and {@code tenant:<tenantId>:user:<userId>}; any other 1 to 255 characters without
 * control characters are accepted too.
 *
 * @param value the namespace as stored
 */
public record Namespace(String value) {

    /** The longest namespace accepted. */
    public static final int MAX_LENGTH = 255;

    /** The namespace of requests without a namespace provider. */
    public static final Namespace DEFAULT = new Namespace("datafn");

    /**
     * Checks the value.
     *
     * @throws DataFnException {@code FORBIDDEN} unless it is 1 to 255 characters without control
     *     characters: a request without a usable namespace is refused, never served from some default
     */
    public Namespace {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new DataFnException(ErrorCode.FORBIDDEN, "the request has no valid namespace");
        }
    }

    /** @param value a namespace from a provider or a caller @return it, checked */
    public static Namespace of(String value) {
        return new Namespace(value);
    }

    /** @param userId a user id @return {@code user:<userId>} */
    public static Namespace user(String userId) {
        return new Namespace("user:" + Objects.requireNonNull(userId, "userId"));
    }

    /** @param tenantId a tenant id @param userId a user id @return {@code tenant:<tenantId>:user:<userId>} */
    public static Namespace tenantUser(String tenantId, String userId) {
        return new Namespace("tenant:" + Objects.requireNonNull(tenantId, "tenantId") + ":user:"
                + Objects.requireNonNull(userId, "userId"));
    }

    /** @return the value, so a namespace reads as itself in messages and keys */
    @Override
    public String toString() {
        return value;
    }
}
