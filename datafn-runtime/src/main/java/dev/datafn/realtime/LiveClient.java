package dev.datafn.realtime;

/**
 * One live connection as its transport shows it to a {@link CursorHub}: a WebSocket of the built-in
 * endpoint, or of an application that brings its own server. The hub calls each method from one sender
 * thread per connection at a time (never two writes at once), except {@link #close}, which it calls on a
 * thread of its own so that a connection stuck in a write can still be closed.
 */
public interface LiveClient {

    /**
     * Sends one text frame; may block while the peer reads slowly (the hub times it).
     *
     * @param text the frame
     */
    void send(String text);

    /** Sends a WebSocket ping, which the peer answers with a pong ({@link CursorHub#handlePong}). */
    void ping();

    /**
     * Sends a close frame and lets go of the connection; a transport whose peer may never answer (a silent
     * or stuck client) drops the connection right after the frame.
     *
     * @param code   the WebSocket close code
     * @param reason a short reason
     */
    void close(int code, String reason);
}
