package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.spi.ServerFeature;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The example's single-page todo app: {@code index.html} at {@code /}, its modules and style sheet under
 * {@code /app/}, and its service worker (which keeps them for reloads while the server is down) at
 * {@code /sw.js}, from the class-path folder {@code web}; and, only while the example runs on its development
 * secret ({@link JwtSecret}), {@code POST /dev/token}, the page's development sign-in.
 *
 * <p>Every file is answered with {@code Cache-Control: no-cache}: the modules' names carry no version, so a
 * browser revalidates each (a 304 when unchanged) and never runs the old app against an upgraded server.
 */
public final class WebApp implements ServerFeature {

    /** How long a development token is valid: a working session; the page asks again after it. */
    static final Duration DEVELOPMENT_TOKEN_TTL = Duration.ofHours(1);

    /** The user names the development sign-in accepts: what a person types, not arbitrary text. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private static final String CLASS_PATH_FOLDER = "web";

    /** The Host of a request made on this machine, with any port. */
    private static final Pattern LOCAL_HOST = Pattern.compile("(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d{1,5})?");

    private final Optional<JwtAuthenticator> developmentSigner;
    private final DataFnHttp http;
    private final byte[] indexHtml;
    private final byte[] serviceWorker;

    private WebApp(Optional<JwtAuthenticator> developmentSigner, DataFnHttp http) {
        this.developmentSigner = developmentSigner;
        this.http = http;
        this.indexHtml = resource(CLASS_PATH_FOLDER + "/index.html");
        this.serviceWorker = resource(CLASS_PATH_FOLDER + "/sw.js");
    }

    /**
     * @param config the configuration root: without {@code datafn.jwt.secret}, the development sign-in is served
     * @param http   the protocol's service, whose request pipeline the development sign-in goes through
     * @return the web app, to add to the web server as a feature
     */
    public static WebApp create(Config config, DataFnHttp http) {
        return new WebApp(JwtSecret.development(config).map(JwtAuthenticator::hs256), http);
    }

    /**
     * Adds the app's routes to the default socket's HTTP routing.
     *
     * @param context the server's features context
     */
    @Override
    public void setup(ServerFeatureContext context) {
        HttpRouting.Builder routing = context.socket(WebServer.DEFAULT_SOCKET_NAME).httpRouting();
        routing.get("/", this::index)
                .get("/index.html", this::index)
                // At the root, so that it may keep the page at / for reloads while the server is down.
                .get("/sw.js", (req, res) -> sendFile(res, MediaTypes.create("text", "javascript"), serviceWorker))
                .get("/app/*", (req, res) -> {
                    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                    res.next();
                })
                .register("/app", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                        .location(CLASS_PATH_FOLDER + "/app")
                        .build()));
        // Through the protocol's pipeline (shutdown gate, access log, rate limit by address, body limits), without
        // authentication: it is where a caller gets its first token.
        developmentSigner.ifPresent(signer -> routing.post("/dev/token",
                http.openEndpoint("devToken", (req, body) -> devToken(signer, req, body))));
    }

    /** @return the feature's name */
    @Override
    public String name() {
        return "datafn-example-web-app";
    }

    /** @return the feature's type */
    @Override
    public String type() {
        return "datafn-example-web-app";
    }

    private void index(ServerRequest req, ServerResponse res) {
        sendFile(res, MediaTypes.TEXT_HTML, indexHtml);
    }

    private static void sendFile(ServerResponse res, MediaType type, byte[] file) {
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.headers().contentType(type);
        res.send(file);
    }

    /**
     * {@code {"user": "alice", "admin"?: true}}: a token for that user, valid {@link #DEVELOPMENT_TOKEN_TTL}, with
     * the {@code admin} claim (projects' writers) unless {@code admin} is false. Anyone who reaches this endpoint
     * can sign in as anyone, so it answers requests from this machine (a loopback address) only.
     */
    private static JsonNode devToken(JwtAuthenticator signer, ServerRequest req, JsonNode body) {
        if (!(req.remotePeer().address() instanceof InetSocketAddress peer) || !peer.getAddress().isLoopbackAddress()
                // Behind a proxy on this machine every caller's peer is loopback; a page of another site that had
                // its name resolve to 127.0.0.1 (DNS rebinding) sends its own Host.
                || req.headers().contains(HeaderNames.FORWARDED) || req.headers().contains(HeaderNames.X_FORWARDED_FOR)
                || !LOCAL_HOST.matcher(req.headers().first(HeaderNames.HOST).orElse("")).matches()) {
            throw new DataFnException(ErrorCode.FORBIDDEN,
                    "the development sign-in answers this machine only; use a token from the token command");
        }
        String user = body.path("user").asText("");
        if (!body.isObject() || !body.path("user").isTextual() || !USER.matcher(user).matches()) {
            throw DataFnException.invalid("user", "send {\"user\": \"alice\"}: 1 to 64 letters, digits or ._@-");
        }
        if (body.has("admin") && !body.get("admin").isBoolean()) {
            throw DataFnException.invalid("admin", "admin must be true or false");
        }
        boolean admin = body.path("admin").asBoolean(true);
        Map<String, Object> claims = new HashMap<>();
        if (admin) {
            claims.put("admin", true);
        }
        ObjectNode result = Json.object();
        result.put("token", signer.issue(user, null, DEVELOPMENT_TOKEN_TTL, claims));
        result.put("expiresAt", Instant.now().plus(DEVELOPMENT_TOKEN_TTL).toString());
        return result;
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the web app's " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
