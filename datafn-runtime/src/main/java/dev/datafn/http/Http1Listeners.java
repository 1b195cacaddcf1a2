package dev.datafn.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.List;

/**
 * Several HTTP/1 connection listeners as one, each told of every event in turn. Helidon 4.5's own composite of a
 * configuration with more than one listener ({@code Http1ConnectionListenerUtil.ListFrameListener}) overrides none
 * of the listener's methods, so it tells its listeners nothing; a configuration given this one listener instead
 * reaches them all.
 */
final class Http1Listeners implements Http1ConnectionListener {

    private final List<Http1ConnectionListener> listeners;

    /** @param listeners told of each event, in this order */
    Http1Listeners(List<Http1ConnectionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        listeners.forEach(listener -> listener.prologue(ctx, prologue));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        listeners.forEach(listener -> listener.headers(ctx, headers));
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        listeners.forEach(listener -> listener.status(ctx, status));
    }

    @Override
    public void data(ConnectionContext ctx, BufferData data) {
        listeners.forEach(listener -> listener.data(ctx, data));
    }

    @Override
    public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
        listeners.forEach(listener -> listener.data(ctx, bytes, offset, length));
    }
}
