package dev.datafn.example.todo;

import dev.datafn.example.todo.ServedEngine.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * Speaks to a {@link ServedEngine} over real HTTP as a user named in the {@code X-User} header (the
 * suites' namespace providers map it to {@code user:<name>}), and reads the answers as envelopes.
 */
final class UserClient {

    private final ServedEngine served;

    /** @param served the engine to call */
    UserClient(ServedEngine served) {
        this.served = served;
    }

    /**
     * @param user   the caller, sent as {@code X-User}
     * @param method the HTTP method
     * @param path   the path under the mount, e.g. {@code /query}
     * @param body   the JSON body, or {@code null} for none
     * @return the reply
     */
    Reply send(String user, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(served.url(path)))
                .header("X-User", user)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return ServedEngine.send(request, method + " " + path + " as " + user);
    }

    /** @param user the caller @param path the path @param body the JSON body @return the reply to a POST */
    Reply post(String user, String path, String body) {
        return send(user, "POST", path, body);
    }

    /** @param user the caller @param path the path @return the reply to a GET */
    Reply get(String user, String path) {
        return send(user, "GET", path, null);
    }

    /** @param json a JSON text @return it encoded as a query parameter value */
    static String encoded(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8);
    }
}
