package dev.datafn.example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.ResourceSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * A resource's records as CSV, one column per field in the record's order, so that a file exported and imported
 * gives back the same values. A {@code null} is an empty cell without quotes and an empty string a quoted one
 * ({@code ,,} against {@code ,"",}); quotes, commas and line breaks are quoted as RFC 4180 says (Apache Commons
 * CSV reads and writes them); numbers and booleans are their JSON text; a list of ids and a JSON field are their
 * JSON text ({@code ["tg_1","tg_2"]}, {@code []}); dates and times are ISO-8601, as on the wire.
 */
final class RecordCsv {

    /** RFC 4180 with a header, every non-null value quoted, so that only a null is unquoted and empty. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setRecordSeparator("\n").get();

    private RecordCsv() {
    }

    /** @param resource a resource @return its columns, the header: its fields' names */
    static List<String> header(ResourceSchema resource) {
        return resource.fields().stream().map(FieldSchema::name).toList();
    }

    /**
     * @param resource the record's resource
     * @param record   the record as the engine answers it
     * @return its cells, in the header's order
     */
    static List<String> cells(ResourceSchema resource, JsonNode record) {
        List<String> cells = new ArrayList<>();
        for (FieldSchema field : resource.fields()) {
            JsonNode value = record.get(field.name());
            if (value == null || value.isNull()) {
                cells.add(null);
            } else if (field.type() == FieldType.JSON || field.type() == FieldType.ID_LIST || value.isContainerNode()) {
                cells.add(value.toString());
            } else {
                cells.add(value.asText());
            }
        }
        return cells;
    }

    /**
     * Reads a row back into a record. A cell the field's type cannot read stays text, for the engine to refuse
     * with its message and path.
     *
     * @param resource the resource
     * @param header   the file's columns
     * @param cells    the row's cells, as many as the columns
     * @return the record
     */
    static ObjectNode record(ResourceSchema resource, List<String> header, List<String> cells) {
        ObjectNode record = Json.object();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String cell = cells.get(i);
            FieldType type = resource.field(name).map(FieldSchema::type).orElse(FieldType.STRING);
            record.set(name, cell == null ? JsonNodeFactory.instance.nullNode() : value(type, cell));
        }
        return record;
    }

    private static JsonNode value(FieldType type, String cell) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        try {
            return switch (type) {
                case BOOLEAN -> cell.equals("true") || cell.equals("false")
                        ? json.booleanNode(Boolean.parseBoolean(cell)) : json.textNode(cell);
                case INTEGER, LONG -> json.numberNode(Long.parseLong(cell));
                case NUMBER, DECIMAL -> json.numberNode(new BigDecimal(cell));
                case JSON, ID_LIST -> Json.MAPPER.readTree(cell);
                default -> json.textNode(cell);
            };
        } catch (NumberFormatException | JsonProcessingException e) {
            return json.textNode(cell);
        }
    }
}
