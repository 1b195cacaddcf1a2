package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of {@code /datafn/ws} on a real connection ({@code java.net.http}, which answers pings
 * by itself), keeping every text frame it receives and how the server closed it.
 */
final class LiveSocket implements WebSocket.Listener, AutoCloseable {

    /** How long a test waits for a frame that should come: generous, a busy machine may be slow. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private LiveSocket() {
    }

    /**
     * Connects and waits for the hello.
     *
     * @param served the server
     * @param token  the bearer token, sent in the Authorization header; {@code null} for none
     * @return the open socket, its hello not yet taken
     */
    static LiveSocket open(ServedEngine served, String token) {
        return open(served, token, false);
    }

    /**
     * @param served  the server
     * @param token   the bearer token
     * @param inQuery whether the token goes in the {@code token} query parameter, as browsers send it
     * @return the open socket
     */
    static LiveSocket open(ServedEngine served, String token, boolean inQuery) {
        return open("ws://127.0.0.1:" + served.server().port() + "/datafn/ws", token, inQuery);
    }

    /**
     * @param endpoint the endpoint's URL, e.g. {@code ws://127.0.0.1:8080/datafn/ws}
     * @param token    the bearer token
     * @param inQuery  whether the token goes in the {@code token} query parameter
     * @return the open socket
     */
    static LiveSocket open(String endpoint, String token, boolean inQuery) {
        LiveSocket live = new LiveSocket();
        String url = endpoint + (inQuery && token != null ? "?token=" + token : "");
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(PATIENCE);
        if (token != null && !inQuery) {
            builder.header("Authorization", "Bearer " + token);
        }
        live.socket = builder.buildAsync(URI.create(url), live).join();
        return live;
    }

    /**
     * Tries to connect and expects a refusal before the upgrade.
     *
     * @param served the server
     * @param token  the bearer token, or {@code null}
     * @return the HTTP status of the refusal
     */
    static int refusal(ServedEngine served, String token) {
        try {
            LiveSocket opened = open(served, token);
            opened.close();
            throw new AssertionError("the upgrade was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    /** @return the next text frame @throws AssertionError when none comes in time */
    JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within " + PATIENCE).isNotNull();
        return frame;
    }

    /** @param quiet how long to listen @return the next frame within it, or null */
    JsonNode nextWithin(Duration quiet) throws InterruptedException {
        return frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param text a text frame to send */
    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** @return the close code the server sent, waiting for it */
    int closeCode() {
        return closeCode.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(Json.MAPPER.readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("the server sent a frame that is not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
        socket.abort();
    }
}
