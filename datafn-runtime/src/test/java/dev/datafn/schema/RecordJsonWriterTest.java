package dev.datafn.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.datafn.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records written by a {@link RecordJsonWriter} are byte for byte the JSON of the trees
 * {@link FieldValues#toJson} builds, for every field type and the edges of each.
 */
class RecordJsonWriterTest {

    /** The record type the test resource claims; never instantiated. */
    record Everything() {
    }

    /** An enum as an entity holds it. */
    enum Status { OPEN, DONE, ÜBER }

    private static final FieldSchema ID = FieldSchema.builder("id", FieldType.STRING).role(FieldRole.ID).build();
    private static final FieldSchema TEXT = FieldSchema.builder("text", FieldType.STRING).build();
    private static final FieldSchema FLAG = FieldSchema.builder("flag", FieldType.BOOLEAN).build();
    private static final FieldSchema COUNT = FieldSchema.builder("count", FieldType.INTEGER).build();
    private static final FieldSchema TOTAL = FieldSchema.builder("total", FieldType.LONG).build();
    private static final FieldSchema RATIO = FieldSchema.builder("ratio", FieldType.NUMBER).build();
    private static final FieldSchema PRICE = FieldSchema.builder("price", FieldType.DECIMAL).build();
    private static final FieldSchema AT = FieldSchema.builder("at", FieldType.DATETIME).build();
    private static final FieldSchema DAY = FieldSchema.builder("day", FieldType.DATE).build();
    private static final FieldSchema STATUS = FieldSchema.builder("status", FieldType.ENUM)
            .enumValues("OPEN", "DONE", "ÜBER").build();
    private static final FieldSchema DOC = FieldSchema.builder("doc", FieldType.JSON).build();
    private static final FieldSchema TAGS = FieldSchema.builder("tags", FieldType.ID_LIST).build();
    private static final FieldSchema LABELS = FieldSchema.builder("labels", FieldType.ID_LIST).build();

    private static final List<FieldSchema> FIELDS =
            List.of(ID, TEXT, FLAG, COUNT, TOTAL, RATIO, PRICE, AT, DAY, STATUS, DOC, TAGS, LABELS);

    private static final ResourceSchema RESOURCE = new ResourceSchema("things", 1, "th", FIELDS, List.of(),
            List.of(), Everything.class, Object.class);

    /** Values of each type, nulls and the edges included; rows take them round robin. */
    private static final Map<FieldSchema, List<Object>> VALUES = Map.ofEntries(
            Map.entry(ID, list("th_1", "", "th_\u00e9\u4e2d")),
            Map.entry(TEXT, list(null, "", "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\r\u0000\u001f",
                    "\u007f\u0080\u00ff", "\u2028\u2029", "\uD83D\uDE00 emoji", "<script>&'", "\uFFFF",
                    "x".repeat(5000))),
            Map.entry(FLAG, list(null, true, false)),
            Map.entry(COUNT, list(null, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE)),
            Map.entry(TOTAL, list(null, 0L, Long.MIN_VALUE, Long.MAX_VALUE, 9007199254740993L)),
            Map.entry(RATIO, list(null, 0.0, -0.0, 0.1, 1e-300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE,
                    1.0 / 3, 123456789.0, 1e21, 1e-7)),
            Map.entry(PRICE, list(null, BigDecimal.ZERO, new BigDecimal("0.0000000001"),
                    new BigDecimal("9999999999999999999999999999.9999999999"),
                    new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("1.50"),
                    new BigDecimal("1E+5"), new BigDecimal("12345678901234567890"), new BigDecimal("0E-10"))),
            Map.entry(AT, list(null, Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
                    Instant.parse("2026-11-22T10:15:30Z"), Instant.parse("2026-11-22T10:15:30.100Z"),
                    Instant.parse("1970-01-01T00:00:00.000001Z"), Instant.EPOCH)),
            Map.entry(DAY, list(null, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2026, 2, 28))),
            Map.entry(STATUS, list(null, Status.OPEN, Status.ÜBER, "DONE")),
            Map.entry(DOC, list(null, Json.MAPPER.nullNode(), json("{\"a\":[1,2.5,\"x\",null,true],\"b\":{}}"),
                    json("[]"), json("\"text\""), json("42"), json("-0.0"), json("1.000000000000000000001"),
                    json("false"), json("{\"\\u2028\":\"\\ud83d\\ude00\"}"))),
            Map.entry(TAGS, list(null, List.of(), List.of("tg_1"), List.of("tg_1", "tg_\u00e9", "tg_\"q\""))),
            Map.entry(LABELS, list(null, List.of("lb_1", "lb_2"), List.of())));

    @Test
    void everyFieldTypeIsWrittenAsTheTreeOfFieldValuesIsWritten() throws IOException {
        RecordJsonWriter writer = RecordJsonWriter.of(RESOURCE, FIELDS);
        assertThat(writer.idListFields()).containsExactly(TAGS, LABELS);
        int rows = VALUES.values().stream().mapToInt(List::size).max().orElseThrow() * 2;
        for (int r = 0; r < rows; r++) {
            Map<FieldSchema, Object> record = record(r);
            Object[] row = FIELDS.stream().filter(f -> f.type() != FieldType.ID_LIST).map(record::get).toArray();
            @SuppressWarnings("unchecked")
            RecordJsonWriter.IdLists lists = (list, of) -> {
                assertThat(of).isSameAs(row);
                return (List<String>) record.get(writer.idListFields().get(list));
            };
            assertThat(written(out -> writer.write(out, row, lists))).as("row %d", r).isEqualTo(tree(FIELDS, record));
        }
    }

    @Test
    void aSubsetOfFieldsIsWrittenFromWhereverTheRowHoldsThem() throws IOException {
        // A query's selection: fields in any order, at any position, an id list held in the row itself.
        RecordJsonWriter writer = RecordJsonWriter.builder(RESOURCE)
                .column(AT, 3).column(ID, 0).column(TAGS, 1).column(PRICE, 2)
                .build();
        Object[] row = {"th_9", List.of("tg_2", "tg_1"), new BigDecimal("-0.5"), Instant.parse("2026-01-02T03:04:05Z")};
        Map<FieldSchema, Object> record = Map.of(ID, row[0], TAGS, row[1], PRICE, row[2], AT, row[3]);

        assertThat(written(out -> writer.write(out, row))).isEqualTo(tree(List.of(AT, ID, TAGS, PRICE), record));
        assertThat(writer.fields()).containsExactly(AT, ID, TAGS, PRICE);
    }

    @Test
    void valuesOfAnotherJavaTypeAreWrittenAsFieldValuesWritesThem() throws IOException {
        // An aggregate may widen an integer to a long; an enum may arrive as its name; a JSON field as text.
        RecordJsonWriter writer = RecordJsonWriter.of(RESOURCE, List.of(COUNT, RATIO, STATUS, DOC, TEXT));
        Object[] row = {Long.MAX_VALUE, new BigDecimal("2.50"), "OPEN", "{\"not\":\"parsed\"}", Status.DONE};
        Map<FieldSchema, Object> record = Map.of(COUNT, row[0], RATIO, row[1], STATUS, row[2], DOC, row[3],
                TEXT, row[4]);

        assertThat(written(out -> writer.write(out, row))).isEqualTo(tree(List.of(COUNT, RATIO, STATUS, DOC, TEXT), record));
    }

    @Test
    void recordsFollowEachOtherInAnArrayAndIntoATokenBuffer() throws IOException {
        RecordJsonWriter writer = RecordJsonWriter.of(RESOURCE, List.of(ID, DOC, TAGS));
        RecordJsonWriter.IdLists lists = (list, row) -> List.of("tg_" + row[0]);
        List<Object[]> rows = List.of(new Object[] {"a", json("{\"x\":1}")}, new Object[] {"b", null});

        String array = written(out -> {
            out.writeStartArray();
            for (Object[] row : rows) {
                writer.write(out, row, lists);
            }
            out.writeEndArray();
        });
        assertThat(array).isEqualTo("[{\"id\":\"a\",\"doc\":{\"x\":1},\"tags\":[\"tg_a\"]},"
                + "{\"id\":\"b\",\"doc\":null,\"tags\":[\"tg_b\"]}]");

        // The in-process clone writes into a token buffer and reads the tree back.
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            writer.write(buffer, rows.getFirst(), lists);
            JsonNode back = buffer.asParser(Json.MAPPER).readValueAsTree();
            assertThat(back).isEqualTo(json("{\"id\":\"a\",\"doc\":{\"x\":1},\"tags\":[\"tg_a\"]}"));
        }
    }

    @Test
    void aWriterIsPlacedOnlyWithTheResourcesFieldsEachOnce() {
        FieldSchema stranger = FieldSchema.builder("stranger", FieldType.STRING).build();
        assertThatThrownBy(() -> RecordJsonWriter.builder(RESOURCE).column(stranger, 0))
                .hasMessageContaining("'stranger' is not a field of resource 'things'");
        assertThatThrownBy(() -> RecordJsonWriter.builder(RESOURCE).column(ID, 0).column(ID, 1))
                .hasMessageContaining("placed twice");
        assertThatThrownBy(() -> RecordJsonWriter.builder(RESOURCE).idList(TEXT))
                .hasMessageContaining("not an id list");
        assertThatThrownBy(() -> RecordJsonWriter.builder(RESOURCE).column(TEXT, -1))
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> RecordJsonWriter.of(RESOURCE, List.of(TAGS)).write(Json.MAPPER.createGenerator(
                new ByteArrayOutputStream()), new Object[0])).hasMessageContaining("pass one");
    }

    /** @return the r-th test record: each field takes its values round robin, offset so rows differ */
    private static Map<FieldSchema, Object> record(int r) {
        Map<FieldSchema, Object> record = new java.util.HashMap<>();
        int i = 0;
        for (FieldSchema f : FIELDS) {
            List<Object> values = VALUES.get(f);
            record.put(f, values.get((r + i++) % values.size()));
        }
        return record;
    }

    /** @return the record as the tree {@link FieldValues#toJson} builds, written by the mapper */
    private static String tree(List<FieldSchema> fields, Map<FieldSchema, Object> record) throws IOException {
        ObjectNode node = Json.object();
        for (FieldSchema f : fields) {
            node.set(f.name(), FieldValues.toJson(f, record.get(f)));
        }
        return written(out -> out.writeTree(node));
    }

    private static String written(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
            writing.to(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A list that may hold nulls. */
    private static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    @FunctionalInterface
    private interface Writing {
        void to(JsonGenerator out) throws IOException;
    }
}
