package dev.datafn.example.todo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A chunked body as received: for tests that read a streamed answer off a plain socket.
 *
 * @param body          the chunks' data, joined
 * @param lastChunkSeen whether the zero-length last chunk arrived
 */
record Chunks(byte[] body, boolean lastChunkSeen) {

    /** @param raw a chunked body's bytes as they arrived, from its first chunk @return its data */
    static Chunks decode(byte[] raw) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(raw, at);
            if (lineEnd < 0) {
                return new Chunks(body.toByteArray(), false);
            }
            int size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return new Chunks(body.toByteArray(), true);
            }
            int start = lineEnd + 2;
            int available = Math.min(size, raw.length - start);
            body.write(raw, start, available);
            if (available < size) {
                return new Chunks(body.toByteArray(), false);
            }
            at = start + size + 2;
        }
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
