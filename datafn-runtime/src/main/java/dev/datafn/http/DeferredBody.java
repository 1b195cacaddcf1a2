package dev.datafn.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * A streamed answer's body that opens the response only with its first bytes on the wire: until the writer
 * flushes, or writes more than {@link #HELD_BYTES}, what it writes is held here, and nothing (not even the status)
 * has been sent. A stream that fails before then (its first read stopped at the statement timeout, say) can still be
 * answered with an error in the envelope and its own status, where a cut connection would be all a client saw.
 */
final class DeferredBody extends OutputStream {

    /** The most held before the response opens: more than a stream's head, less than a page of its rows. */
    static final int HELD_BYTES = 64 * 1024;

    private final Supplier<OutputStream> open;
    private ByteArrayOutputStream held = new ByteArrayOutputStream();
    private OutputStream response;

    /** @param open sets the status and headers, and opens the response's stream; called once, at the first bytes out */
    DeferredBody(Supplier<OutputStream> open) {
        this.open = open;
    }

    /** @return whether the response is open: its status is sent, and a failure can only cut it */
    boolean committed() {
        return response != null;
    }

    /** @return what was written, when the response is not open yet (it all fits in {@link #HELD_BYTES}); else null */
    byte[] held() {
        return response == null ? held.toByteArray() : null;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (response == null && held.size() + length <= HELD_BYTES) {
            held.write(bytes, offset, length);
            return;
        }
        commit().write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        commit().flush();
    }

    @Override
    public void close() throws IOException {
        commit().close();
    }

    private OutputStream commit() throws IOException {
        if (response == null) {
            response = open.get();
            held.writeTo(response);
            held = null;
        }
        return response;
    }
}
