package dev.datafn.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The cursor frame, written without a JSON generator, is the JSON a client parses. */
class CursorFramesTest {

    @Test
    void aCursorFrameParsesToItsTypeSeqAndResources() throws Exception {
        JsonNode frame = Json.MAPPER.readTree(CursorFrames.cursor(42, new TreeSet<>(Set.of("todos", "projects"))));

        assertThat(frame.path("type").asText()).isEqualTo("cursor");
        assertThat(frame.path("serverSeq").asLong()).isEqualTo(42);
        assertThat(frame.path("resources")).extracting(JsonNode::asText).containsExactly("projects", "todos");
        assertThat(frame.size()).isEqualTo(3);
    }

    @Test
    void namesThatNeedEscapingStayValidJson() throws Exception {
        String odd = "a\"b\\c\u0001é";

        JsonNode frame = Json.MAPPER.readTree(CursorFrames.cursor(Long.MAX_VALUE, List.of(odd)));

        assertThat(frame.path("serverSeq").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(frame.path("resources").get(0).asText()).isEqualTo(odd);
    }

    @Test
    void noResourcesIsAnEmptyList() throws Exception {
        JsonNode frame = Json.MAPPER.readTree(CursorFrames.cursor(0, List.of()));

        assertThat(frame.path("resources").isArray()).isTrue();
        assertThat(frame.path("resources")).isEmpty();
    }
}
