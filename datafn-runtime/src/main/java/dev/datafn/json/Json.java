package dev.datafn.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.datafn.error.DataFnException;
import java.io.IOException;

/** The one Jackson configuration of the runtime: strict reading, ISO dates, exact decimals. */
public final class Json {

    /** Nesting deeper than this is refused while parsing, before any DataFn limit is checked. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** The shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    private Json() {
    }

    /** @return a new empty object node */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Parses a request body. Anything that is not one well-formed JSON value is a
     * {@link dev.datafn.error.ErrorCode#DFQL_INVALID} at the given path, saying where and what is wrong.
     *
     * @param body the bytes received
     * @param path the path to report, e.g. {@code ""} for a body or {@code "q"} for a query parameter
     * @return the parsed tree
     */
    public static JsonNode parse(byte[] body, String path) {
        if (body == null || body.length == 0) {
            throw DataFnException.invalid(path, "the request body is empty; send a JSON object");
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || parser.nextToken() != null) {
                throw DataFnException.invalid(path, "the request body must be exactly one JSON value");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DataFnException.invalid(path, JsonSyntax.message(e, MAX_NESTING_DEPTH));
        } catch (NumberFormatException e) {
            // A number whose exponent is past what BigDecimal holds (1e9999999999): the parser throws this, not a
            // JsonProcessingException, as it reads floats as BigDecimal.
            throw DataFnException.invalid(path, "malformed JSON: a number too large to read");
        } catch (IOException e) {
            throw DataFnException.invalid(path, "malformed JSON: the body could not be read as UTF-8 text");
        }
    }
}
