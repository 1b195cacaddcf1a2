package dev.datafn.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.datafn.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** How an answer built in memory goes out: whole with its length when small, as it is serialized when large. */
final class JsonAnswer {

    /** Writes without flushing: the bytes go out whole, or once past what {@link DeferredBody} holds. */
    private static final ObjectWriter WHOLE = Json.MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private JsonAnswer() {
    }

    /**
     * Sends an answer built in memory. Written straight to UTF-8 bytes, and sent whole, with its length, when
     * it fits in {@link DeferredBody#HELD_BYTES}; a larger one goes out as it is written, so its bytes are never
     * held whole beside the tree they are written from.
     *
     * @throws ClientGone when the caller's connection broke while a large answer was written
     */
    static void send(ServerResponse res, int status, JsonNode body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        DeferredBody out = new DeferredBody(res::outputStream);
        try {
            JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out);
            // Neither a flush nor closing the generator may open the response: a small answer is sent whole below.
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            WHOLE.writeValue(generator, body);
            generator.close();
        } catch (IOException e) {
            if (out.committed()) {
                throw new ClientGone(e);
            }
            throw new UncheckedIOException(e);
        }
        byte[] whole = out.held();
        if (whole != null) {
            res.send(whole);
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }
}
