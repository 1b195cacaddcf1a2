package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.http.CorsPolicy;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.http.RateLimit;
import dev.datafn.testing.TestDatabase;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * CORS as a configured policy, over real HTTP as a browser would send it: preflights are answered on every
 * route (generated REST routes included) without a token and without taking from the rate limit; answers
 * to an allowed origin carry {@code Access-Control-Allow-Origin}, errors included; another origin gets no
 * CORS headers and is refused; and without a policy nothing changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class CorsTest {

    private static final String PAGE = "https://todo.example";
    private static final String DEV_PAGE = "http://localhost:5173";
    private static final String OTHER_SITE = "https://evil.example";
    private static final int BUDGET = 3;
    private static final String QUERY = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}";
    private static final CorsPolicy POLICY = CorsPolicy.allowOrigins(PAGE, "http://localhost:*")
            .maxAge(Duration.ofMinutes(5));

    private final HttpClient http = HttpClient.newHttpClient();
    private final JwtAuthenticator jwt = JwtAuthenticator.hs256(randomSecret());
    /** The service with the policy, a token and a rate limit, at {@code /datafn}. */
    private ServedEngine served;
    /**
     * Over the same engine: the generated {@link TodoRoutes} of the policy's service at {@code /api}, the
     * same policy without authentication at {@code /open} (its budget is the client address's), and no
     * policy at {@code /plain}.
     */
    private WebServer side;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        DataFnHttp[] withPolicy = new DataFnHttp[1];
        served = ServedEngine.start(testDatabase.open(), b -> b, datafn -> withPolicy[0] = DataFnHttp.builder(datafn)
                .authenticate(jwt)
                .rateLimit(RateLimit.of(BUDGET, Duration.ofMinutes(10)))
                .rest(true)
                .cors(POLICY)
                .build());
        side = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register("/api", new TodoRoutes(withPolicy[0]))
                        .register("/open", DataFnHttp.builder(served.datafn())
                                .rateLimit(RateLimit.of(BUDGET, Duration.ofMinutes(10))).cors(POLICY).build())
                        .register("/plain", DataFnHttp.builder(served.datafn()).authenticate(jwt).build()))
                .build().start();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (side != null) {
            side.stop();
            side = null;
        }
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void preflightIsAnsweredOnEveryRouteWithoutAToken() {
        for (String[] route : List.of(
                new String[] {served.url("/status"), "GET"},
                new String[] {served.url("/query"), "POST"},
                new String[] {served.url("/mutation"), "POST"},
                new String[] {served.url("/pull"), "POST"},
                new String[] {served.url("/clone"), "POST"},
                new String[] {served.url("/resources/todos"), "GET"},
                new String[] {served.url("/resources/todos/td_1"), "PATCH"},
                new String[] {served.url("/resources/todos/td_1"), "DELETE"},
                new String[] {side("/api/resources/todos"), "POST"},
                new String[] {side("/api/resources/todos/td_1"), "PUT"})) {
            HttpResponse<String> answer = preflight(route[0], DEV_PAGE, route[1], "authorization,content-type");
            String what = "OPTIONS " + route[0] + " for " + route[1];
            assertThat(answer.statusCode()).as(what).isEqualTo(200);
            HttpHeaders headers = answer.headers();
            assertThat(headers.firstValue("Access-Control-Allow-Origin")).as(what).hasValue(DEV_PAGE);
            assertThat(headers.firstValue("Access-Control-Allow-Methods")).as(what).hasValue(route[1]);
            assertThat(headers.firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                    .as(what).contains("authorization").contains("content-type");
            assertThat(headers.firstValue("Access-Control-Max-Age")).as(what).hasValue("300");
            assertThat(headers.firstValue("WWW-Authenticate")).as(what + ": not a 401").isEmpty();
        }
    }

    @Test
    void preflightIsRefusedForAnotherOriginAMethodOrAHeaderOutsideThePolicy() {
        HttpResponse<String> otherSite = preflight(served.url("/query"), OTHER_SITE, "POST", "authorization");
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertNoCorsHeaders(otherSite);
        HttpResponse<String> lookalike = preflight(served.url("/query"), "https://todo.example.evil", "POST", null);
        assertThat(lookalike.statusCode()).isEqualTo(403);
        assertNoCorsHeaders(lookalike);

        assertThat(preflight(served.url("/query"), PAGE, "TRACE", null).statusCode()).isEqualTo(403);
        assertThat(preflight(served.url("/query"), PAGE, "POST", "x-unlisted").statusCode()).isEqualTo(403);
    }

    @Test
    void answersToAnAllowedOriginCarryTheHeadersOthersDoNot() {
        String token = jwt.issue("alice-" + UUID.randomUUID(), null, Duration.ofMinutes(10));

        HttpResponse<String> allowed = send("GET", served.url("/status"), PAGE, token, null);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(allowed.headers().allValues("Vary").toString()).as("header names have no case").containsIgnoringCase("origin");
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Retry-After").contains("WWW-Authenticate");

        HttpResponse<String> generated = send("GET", side("/api/resources/todos"), DEV_PAGE, token, null);
        assertThat(generated.statusCode()).isEqualTo(200);
        assertThat(generated.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DEV_PAGE);

        HttpResponse<String> otherSite = send("POST", served.url("/query"), OTHER_SITE, token, QUERY);
        assertThat(otherSite.statusCode()).as("refused before its route").isEqualTo(403);
        assertNoCorsHeaders(otherSite);

        HttpResponse<String> noOrigin = send("GET", served.url("/status"), null, token, null);
        assertThat(noOrigin.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(noOrigin);
    }

    @Test
    void errorAnswersCarryTheHeaders() {
        HttpResponse<String> unauthorized = send("POST", served.url("/query"), PAGE, null, QUERY);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).isPresent();

        HttpResponse<String> notFound = send("GET", served.url("/nowhere"), PAGE, null, null);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);

        String token = jwt.issue("bob-" + UUID.randomUUID(), null, Duration.ofMinutes(10));
        for (int i = 0; i < BUDGET; i++) {
            assertThat(send("POST", served.url("/query"), PAGE, token, QUERY).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = send("POST", served.url("/query"), PAGE, token, QUERY);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void preflightTakesNothingFromTheRateLimit() {
        // Without authentication every request would reach the rate limit, preflights too if they went through.
        for (int i = 0; i < 2 * BUDGET; i++) {
            assertThat(preflight(side("/open/query"), PAGE, "POST", "content-type").statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < BUDGET; i++) {
            assertThat(send("POST", side("/open/query"), PAGE, null, QUERY).statusCode())
                    .as("request %d of the budget", i + 1).isEqualTo(200);
        }
        assertThat(send("POST", side("/open/query"), PAGE, null, QUERY).statusCode()).isEqualTo(429);
    }

    @Test
    void withoutAPolicyNothingChanges() {
        HttpResponse<String> preflight = preflight(side("/plain/query"), PAGE, "POST", "authorization");
        assertThat(preflight.statusCode()).as("OPTIONS is not a route of the protocol").isEqualTo(405);
        assertNoCorsHeaders(preflight);

        String token = jwt.issue("carol-" + UUID.randomUUID(), null, Duration.ofMinutes(10));
        HttpResponse<String> answer = send("GET", side("/plain/status"), PAGE, token, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(answer);
    }

    private static void assertNoCorsHeaders(HttpResponse<String> answer) {
        assertThat(answer.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    private String side(String path) {
        return "http://127.0.0.1:" + side.port() + path;
    }

    private HttpResponse<String> preflight(String url, String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return exchange(request.build());
    }

    private HttpResponse<String> send(String method, String url, String origin, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return exchange(request.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
