package dev.datafn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A streamed answer's body holds its first bytes, and opens the response once, at a flush or past its hold. */
class DeferredBodyTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final AtomicInteger opened = new AtomicInteger();
    private final DeferredBody body = new DeferredBody(() -> {
        opened.incrementAndGet();
        return wire;
    });

    @Test
    void bytesWrittenBeforeAFlushAreHeldAndTheResponseIsNotOpened() throws IOException {
        body.write("{\"ok\":true,".getBytes(StandardCharsets.UTF_8));
        assertThat(body.committed()).isFalse();
        assertThat(opened).hasValue(0);
        assertThat(wire.size()).isZero();
    }

    @Test
    void theFirstFlushOpensTheResponseOnceWithWhatWasHeldFirst() throws IOException {
        body.write("{\"ok\":".getBytes(StandardCharsets.UTF_8));
        body.flush();
        body.write("true}".getBytes(StandardCharsets.UTF_8));
        body.flush();
        body.close();
        assertThat(body.committed()).isTrue();
        assertThat(opened).hasValue(1);
        assertThat(wire.toString(StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void writingPastTheHoldOpensTheResponseWithoutAFlush() throws IOException {
        byte[] part = new byte[DeferredBody.HELD_BYTES / 2];
        body.write(part);
        body.write(part);
        assertThat(body.committed()).as("exactly the hold: still held").isFalse();
        body.write('x');
        assertThat(body.committed()).isTrue();
        assertThat(wire.size()).isEqualTo(DeferredBody.HELD_BYTES + 1);
    }
}
