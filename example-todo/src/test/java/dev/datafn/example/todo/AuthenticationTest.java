package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Bearer JWT authentication over HTTP, tried as an attacker would: every bad token form is answered 401
 * with the envelope and {@code WWW-Authenticate: Bearer} on every endpoint, and a valid token's user
 * (and tenant) is its own namespace, whatever its {@code sub} holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class AuthenticationTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";

    private final HttpClient http = HttpClient.newHttpClient();
    private final byte[] secret = randomSecret();
    private final JwtAuthenticator jwt = JwtAuthenticator.hs256(secret);
    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();
    private ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        served = ServedEngine.start(testDatabase.open(), b -> b,
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void everyEndpointRefusesARequestWithoutAToken() {
        for (String[] call : List.of(
                new String[] {"GET", "/status", null},
                new String[] {"POST", "/query", TODO + "\"limit\": 1}"},
                new String[] {"POST", "/mutation", TODO + "\"operation\": \"insert\", \"record\": {\"title\": \"x\"}}"},
                new String[] {"POST", "/transact", "{\"steps\": [{\"query\": " + TODO + "\"limit\": 1}}]}"},
                new String[] {"POST", "/pull", "{\"cursors\": {\"todos\": \"0\"}}"},
                new String[] {"POST", "/push", "{\"mutations\": []}"},
                new String[] {"POST", "/clone", "{\"tables\": [\"todos\"]}"},
                new String[] {"POST", "/reconcile", "{\"counts\": {\"todos\": 0}}"},
                new String[] {"POST", "/seed", "{\"data\": {\"tags\": [{\"id\": \"t1\", \"name\": \"x\"}]}}"},
                new String[] {"GET", "/resources/todos", null},
                new String[] {"POST", "/resources/todos", "{\"clientId\": \"c\", \"mutationId\": \"m\", "
                        + "\"record\": {\"title\": \"x\"}}"},
                new String[] {"PATCH", "/resources/todos/x", "{\"clientId\": \"c\", \"mutationId\": \"m\", "
                        + "\"record\": {}}"},
                new String[] {"PUT", "/resources/todos/x", "{\"clientId\": \"c\", \"mutationId\": \"m\", "
                        + "\"record\": {\"title\": \"x\"}}"},
                new String[] {"DELETE", "/resources/todos/x?clientId=c&mutationId=m", null})) {
            assertUnauthorized(send(call[0], call[1], call[2], null), call[0] + " " + call[1]);
        }
    }

    @Test
    void everyBadTokenIsRefused() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet valid = claims(alice).expirationTime(Date.from(now.plusSeconds(600))).build();
        List<String> bad = List.of(
                "",
                "not-a-jwt",
                "a.b.c",
                signed(valid, randomSecret()),                                     // another secret
                signed(claims(alice).expirationTime(Date.from(now.minusSeconds(3600))).build(), secret),
                signed(claims(alice).expirationTime(Date.from(now.plusSeconds(7200)))
                        .notBeforeTime(Date.from(now.plusSeconds(3600))).build(), secret),
                signed(claims(alice).build(), secret),                             // no exp
                signed(valid, secret, JWSAlgorithm.HS512),                         // not HS256
                unsigned(valid),                                                   // alg: none
                signed(claims("").expirationTime(Date.from(now.plusSeconds(600))).build(), secret),
                signed(claims("nul\u0000user").expirationTime(Date.from(now.plusSeconds(600))).build(), secret),
                signed(claims(alice).claim("tenant", List.of("t1", "t2"))                  // a tenant not a string
                        .expirationTime(Date.from(now.plusSeconds(600))).build(), secret),
                jwt.issue(alice, null, Duration.ofMinutes(5)) + "x");              // a signature changed
        for (String token : bad) {
            assertUnauthorized(send("POST", "/query", TODO + "\"limit\": 1}", "Bearer " + token), token);
        }
        assertUnauthorized(send("POST", "/query", TODO + "\"limit\": 1}", "Basic " + jwt.issue(alice, null,
                Duration.ofMinutes(5))), "another scheme");
    }

    @Test
    void eachUserAndTenantWorksInANamespaceOfItsOwn() {
        String aliceToken = jwt.issue(alice, null, Duration.ofMinutes(5));
        String insert = TODO + "\"operation\": \"insert\", \"record\": {\"title\": \"Alice's\"}}";
        JsonNode inserted = send("POST", "/mutation", insert, "Bearer " + aliceToken).body();
        assertThat(inserted.at("/ok").booleanValue()).as(inserted.toString()).isTrue();
        String query = TODO + "\"filters\": {\"title\": \"Alice's\"}}";
        assertThat(send("POST", "/query", query, "Bearer " + aliceToken).body().at("/result/data")).hasSize(1);
        for (String other : List.of(jwt.issue(bob, null, Duration.ofMinutes(5)),
                jwt.issue(alice, "acme", Duration.ofMinutes(5)),
                jwt.issue("user:" + alice, null, Duration.ofMinutes(5)),
                jwt.issue(alice + "' or '1'='1", null, Duration.ofMinutes(5)))) {
            Answer answer = send("POST", "/query", query, "Bearer " + other);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().at("/result/data")).as("another caller sees nothing of Alice's").isEmpty();
        }
    }

    @Test
    void aClaimThatIsJsonNullIsAbsent() throws Exception {
        // Built from raw JSON: the claims builder would leave null claims out of the token.
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(new JWSHeader(JWSAlgorithm.HS256),
                new com.nimbusds.jose.Payload("{\"sub\": \"" + alice + "\", \"tenant\": null, \"role\": null, "
                        + "\"exp\": " + Instant.now().plusSeconds(600).getEpochSecond() + "}"));
        jws.sign(new MACSigner(secret));
        String token = jws.serialize();
        Answer answer = send("POST", "/query", TODO + "\"limit\": 1}", "Bearer " + token);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    }

    private void assertUnauthorized(Answer answer, String what) {
        assertThat(answer.status()).as(what).isEqualTo(401);
        assertThat(answer.body().at("/ok").booleanValue()).as(what).isFalse();
        assertThat(answer.body().at("/error/code").textValue()).as(what).isEqualTo("UNAUTHORIZED");
        assertThat(answer.wwwAuthenticate()).as(what).startsWith("Bearer");
    }

    private record Answer(int status, JsonNode body, String wwwAuthenticate) {
    }

    private Answer send(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(served.url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), Json.MAPPER.readTree(r.body()),
                    r.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject);
    }

    private static String signed(JWTClaimsSet claims, byte[] key) throws JOSEException {
        return signed(claims, key, JWSAlgorithm.HS256);
    }

    private static String signed(JWTClaimsSet claims, byte[] key, JWSAlgorithm algorithm) throws JOSEException {
        SignedJWT token = new SignedJWT(new JWSHeader(algorithm), claims);
        token.sign(new MACSigner(algorithm == JWSAlgorithm.HS512 ? concat(key, key) : key));
        return token.serialize();
    }

    /** A token whose header says {@code alg: none}, with the valid claims and no signature. */
    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
