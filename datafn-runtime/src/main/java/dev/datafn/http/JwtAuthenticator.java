package dev.datafn.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.spi.Authenticator;
import dev.datafn.spi.Caller;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Authenticates requests by an {@code Authorization: Bearer <JWT>} header signed with HS256 and a shared
 * secret (Nimbus JOSE + JWT does the parsing and the constant-time signature check). The user is the
 * {@code sub} claim, the tenant the optional {@code tenant} claim (both names configurable); with
 * {@link dev.datafn.spi.NamespaceProvider#fromCaller() the namespace provider it comes with} the namespace is then
 * {@code user:<sub>} or {@code tenant:<tenant>:user:<sub>} and the actor is the user.
 *
 * <p>Refused with 401 {@code UNAUTHORIZED}: no token, a token that is not a signed JWT, any algorithm but
 * HS256 ({@code none} included), a wrong signature, no {@code exp} or one in the past, an {@code nbf} in
 * the future (each with {@link #CLOCK_SKEW} of leeway), and a user or tenant that cannot make a namespace.
 */
public final class JwtAuthenticator implements Authenticator {

    /** How far the server's clock and the issuer's may disagree about {@code exp} and {@code nbf}. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final byte[] secret;
    private final MACVerifier verifier;
    private final String userClaim;
    private final String tenantClaim;
    private final Supplier<Instant> clock;

    private JwtAuthenticator(byte[] secret, String userClaim, String tenantClaim, Supplier<Instant> clock) {
        this.secret = secret.clone();
        try {
            this.verifier = new MACVerifier(this.secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("an HS256 secret has at least 32 bytes", e);
        }
        this.userClaim = Objects.requireNonNull(userClaim, "userClaim");
        this.tenantClaim = Objects.requireNonNull(tenantClaim, "tenantClaim");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param secret the shared HS256 secret, at least 32 bytes
     * @return an authenticator reading {@code sub} and {@code tenant}, on the system clock
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    public static JwtAuthenticator hs256(byte[] secret) {
        return new JwtAuthenticator(secret, "sub", "tenant", Instant::now);
    }

    /**
     * @param userClaim   the claim holding the user id (default {@code sub})
     * @param tenantClaim the claim holding the tenant id (default {@code tenant})
     * @return an authenticator reading those claims instead
     */
    public JwtAuthenticator claims(String userClaim, String tenantClaim) {
        return new JwtAuthenticator(secret, userClaim, tenantClaim, clock);
    }

    /** @param clock the server clock, for {@code exp} and {@code nbf} @return an authenticator on that clock */
    public JwtAuthenticator clock(Supplier<Instant> clock) {
        return new JwtAuthenticator(secret, userClaim, tenantClaim, clock);
    }

    /**
     * Reads the token of the {@code Authorization: Bearer} header or, on a WebSocket upgrade only, of the
     * {@code token} query parameter: browsers cannot set headers on a WebSocket, and no other request takes a
     * token from its URL, where logs and histories would keep it.
     */
    @Override
    public Caller authenticate(ServerRequest request) {
        return verify(bearerToken(request).orElseThrow(() -> unauthorized(
                "an Authorization: Bearer <token> header is required (a WebSocket may send ?token=<token>)")));
    }

    /**
     * The bearer token a request carries: in its {@code Authorization: Bearer} header, or in the {@code token}
     * query parameter of a WebSocket upgrade ({@code Upgrade: websocket}). For authenticators of other kinds
     * of token that read it the same way.
     *
     * @param request the request
     * @return the token, or empty when the request carries none
     */
    public static java.util.Optional<String> bearerToken(ServerRequest request) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header != null && header.length() >= 8 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return java.util.Optional.of(header.substring(7).trim());
        }
        boolean upgrade = request.headers().first(HeaderNames.UPGRADE)
                .filter(protocol -> protocol.equalsIgnoreCase("websocket")).isPresent();
        if (header == null && upgrade) {
            return request.query().first("token").asOptional().filter(token -> !token.isBlank());
        }
        return java.util.Optional.empty();
    }

    /**
     * @param token a compact JWT
     * @return the caller it proves
     * @throws DataFnException {@code UNAUTHORIZED} when it proves nothing
     */
    public Caller verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("the bearer token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw unauthorized("the bearer token is not signed with HS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw unauthorized("the bearer token's signature does not match");
            }
        } catch (JOSEException e) {
            throw unauthorized("the bearer token's signature cannot be checked");
        }
        Instant now = clock.get();
        Date expires = claims.getExpirationTime();
        if (expires == null || expires.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw unauthorized(expires == null ? "the bearer token has no expiry (exp)" : "the bearer token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw unauthorized("the bearer token is not valid yet (nbf)");
        }
        String user = text(claims, userClaim);
        String tenant = text(claims, tenantClaim);
        if (user == null || user.isBlank()) {
            throw unauthorized("the bearer token names no user (" + userClaim + ")");
        }
        try {
            // The namespace the caller gets must be a valid one; a claim that cannot make it proves nothing.
            if (tenant == null) {
                Namespace.user(user);
            } else {
                Namespace.tenantUser(tenant, user);
            }
        } catch (DataFnException invalid) {
            throw unauthorized("the bearer token's user or tenant cannot name a namespace");
        }
        return new Caller(user, tenant, claims.getClaims());
    }

    /**
     * Signs a token this authenticator accepts: for development tools and tests.
     *
     * @param userId   the user
     * @param tenantId the tenant, or {@code null}
     * @param ttl      how long the token is valid
     * @return the compact JWT
     */
    public String issue(String userId, String tenantId, Duration ttl) {
        return issue(userId, tenantId, ttl, java.util.Map.of());
    }

    /**
     * Signs a token this authenticator accepts, with more claims for permissions policies (e.g.
     * {@code admin: true}): for development tools and tests.
     *
     * @param userId   the user
     * @param tenantId the tenant, or {@code null}
     * @param ttl      how long the token is valid
     * @param extra    more claims, by name
     * @return the compact JWT
     */
    public String issue(String userId, String tenantId, Duration ttl, java.util.Map<String, Object> extra) {
        Instant now = clock.get();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        extra.forEach(claims::claim);
        claims.claim(userClaim, userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (tenantId != null) {
            claims.claim(tenantClaim, tenantId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with this secret", e);
        }
        return jwt.serialize();
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value != null && !(value instanceof String)) {
            throw unauthorized("the bearer token's " + name + " claim is not a string");
        }
        return (String) value;
    }

    private static DataFnException unauthorized(String message) {
        return new DataFnException(ErrorCode.UNAUTHORIZED, message);
    }
}
