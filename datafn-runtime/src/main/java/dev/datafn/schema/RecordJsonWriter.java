package dev.datafn.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes records of one resource as JSON objects straight to a Jackson {@link JsonGenerator}, from the
 * values of a row as a query reads them (an {@code Object[]} of column values), with no JSON tree in
 * between. Everything about a field is decided when the writer is built: its name, already encoded; where
 * its value is in the row; how its type is written. Writing a row is then a loop over those decisions.
 *
 * <p>The JSON is byte for byte what {@link FieldValues#toJson} gives for each field, written by
 * {@link Json#MAPPER}: strings as strings, numbers as numbers, decimals exact, date-times as ISO-8601
 * instants in UTC, dates as {@code yyyy-MM-dd}, enums by constant name, JSON fields as their JSON, id lists
 * as arrays of strings, and {@code null} as {@code null}.
 *
 * <p>A writer serves any list of fields: the whole record for a clone, the selected fields of a query.
 * Built once per list and kept, it is immutable and thread-safe.
 *
 * <pre>{@code
 * RecordJsonWriter todos = RecordJsonWriter.builder(todoSchema)
 *         .column(id, 0).column(title, 1).column(completed, 2)
 *         .idList(tags)
 *         .build();
 * todos.write(out, row, (list, r) -> tagsByOwner.get(r[0]));
 * }</pre>
 */
public final class RecordJsonWriter {

    /** Where each written field's value is and how it is written, in the order the fields are written. */
    private final Slot[] slots;
    private final List<FieldSchema> fields;
    private final List<FieldSchema> idListFields;

    private RecordJsonWriter(List<Slot> slots, List<FieldSchema> idListFields) {
        this.slots = slots.toArray(Slot[]::new);
        this.fields = slots.stream().map(Slot::field).toList();
        this.idListFields = List.copyOf(idListFields);
    }

    /**
     * A writer for rows that hold the given fields' values in the given order, except the id lists: the
     * value of the n-th field that is not an {@link FieldType#ID_LIST} is at position n of the row, and the
     * id lists come from the {@link IdLists} given to {@link #write(JsonGenerator, Object[], IdLists)}.
     *
     * @param resource the resource the fields belong to
     * @param fields   the fields to write, in the order to write them
     * @return the writer
     * @throws IllegalArgumentException when a field is not one of the resource's or is named twice
     */
    public static RecordJsonWriter of(ResourceSchema resource, List<FieldSchema> fields) {
        Builder builder = builder(resource);
        int position = 0;
        for (FieldSchema f : fields) {
            if (f.type() == FieldType.ID_LIST) {
                builder.idList(f);
            } else {
                builder.column(f, position++);
            }
        }
        return builder.build();
    }

    /**
     * Starts a writer whose fields are placed one by one; they are written in the order they are added.
     *
     * @param resource the resource the fields belong to
     * @return an empty builder
     */
    public static Builder builder(ResourceSchema resource) {
        return new Builder(resource);
    }

    /** @return the fields written, in the order they are written */
    public List<FieldSchema> fields() {
        return fields;
    }

    /**
     * @return the id-list fields whose values come from an {@link IdLists}, in the order of their index
     *     there
     */
    public List<FieldSchema> idListFields() {
        return idListFields;
    }

    /**
     * Writes one row as a JSON object.
     *
     * @param out   the generator, where a value may start (in an array, or after a field name)
     * @param row   the row's values, each at the position its field was given
     * @param lists the id lists of the row, for fields placed with {@link Builder#idList}; may be
     *              {@code null} when the writer has none
     * @throws IOException when the generator cannot write
     */
    public void write(JsonGenerator out, Object[] row, IdLists lists) throws IOException {
        out.writeStartObject();
        for (Slot slot : slots) {
            out.writeFieldName(slot.name());
            Object value = slot.position() >= 0 ? row[slot.position()] : lists.ids(-1 - slot.position(), row);
            if (value == null) {
                out.writeNull();
            } else {
                writeValue(out, slot.field(), value);
            }
        }
        out.writeEndObject();
    }

    /**
     * Writes one row as a JSON object, for a writer whose fields all take their value from the row.
     *
     * @param out the generator, where a value may start
     * @param row the row's values, each at the position its field was given
     * @throws IOException when the generator cannot write
     * @throws IllegalStateException when the writer has fields placed with {@link Builder#idList}
     */
    public void write(JsonGenerator out, Object[] row) throws IOException {
        if (!idListFields.isEmpty()) {
            throw new IllegalStateException("this writer takes the id lists " + idListFields.stream()
                    .map(FieldSchema::name).toList() + " from an IdLists; pass one");
        }
        write(out, row, null);
    }

    /** The id lists of the row being written, for the fields placed with {@link Builder#idList}. */
    @FunctionalInterface
    public interface IdLists {

        /**
         * @param list the field's index in {@link #idListFields()}
         * @param row  the row being written
         * @return the field's ids for the row, written in this order; {@code null} is written as JSON null
         */
        List<String> ids(int list, Object[] row);
    }

    /** Places the fields of a {@link RecordJsonWriter}. */
    public static final class Builder {
        private final ResourceSchema resource;
        private final List<Slot> slots = new ArrayList<>();
        private final List<FieldSchema> idListFields = new ArrayList<>();

        private Builder(ResourceSchema resource) {
            this.resource = resource;
        }

        /**
         * Writes a field whose value is in the row. An id-list field placed here takes a
         * {@code List<String>} from the row.
         *
         * @param field    one of the resource's fields
         * @param position its value's index in the row
         * @return this builder
         */
        public Builder column(FieldSchema field, int position) {
            if (position < 0) {
                throw new IllegalArgumentException("field '" + field.name() + "': a row position is 0 or more, got "
                        + position);
            }
            return add(field, position);
        }

        /**
         * Writes an id-list field whose value comes from the {@link IdLists} given with each row.
         *
         * @param field one of the resource's {@link FieldType#ID_LIST} fields
         * @return this builder
         */
        public Builder idList(FieldSchema field) {
            if (field.type() != FieldType.ID_LIST) {
                throw new IllegalArgumentException("field '" + field.name() + "' of resource '" + resource.name()
                        + "' is a " + field.type().wireName() + ", not an id list; place it with column(field, position)");
            }
            idListFields.add(field);
            // Negative positions number the id lists: -1 is the first, -2 the second.
            return add(field, -idListFields.size());
        }

        private Builder add(FieldSchema field, int position) {
            if (!resource.fields().contains(field)) {
                throw new IllegalArgumentException("field '" + field.name() + "' is not a field of resource '"
                        + resource.name() + "'");
            }
            if (slots.stream().anyMatch(s -> s.field().name().equals(field.name()))) {
                throw new IllegalArgumentException("field '" + field.name() + "' of resource '" + resource.name()
                        + "' is placed twice");
            }
            slots.add(new Slot(field, new SerializedString(field.name()), position));
            return this;
        }

        /** @return the writer */
        public RecordJsonWriter build() {
            return new RecordJsonWriter(slots, idListFields);
        }
    }

    /**
     * One written field.
     *
     * @param field    the field
     * @param name     its name, encoded once for every row
     * @param position its value's index in the row, or {@code -1 - n} for the n-th id list
     */
    private record Slot(FieldSchema field, SerializableString name, int position) {
    }

    /**
     * Writes one non-null value by its Java type, as {@link FieldValues#toJson} converts it: the column's own
     * type, or another (an aggregate's wider number, an enum still as its name) the same way.
     */
    private static void writeValue(JsonGenerator out, FieldSchema field, Object value) throws IOException {
        switch (value) {
            case String s -> out.writeString(s);
            case Boolean b -> out.writeBoolean(b);
            case Integer i -> out.writeNumber(i.intValue());
            case Long l -> out.writeNumber(l.longValue());
            case Double d -> out.writeNumber(d.doubleValue());
            case BigDecimal d -> out.writeNumber(d);
            case Instant t -> out.writeString(t.toString());
            case LocalDate d -> out.writeString(d.toString());
            case Enum<?> e -> out.writeString(e.name());
            // The mapper, not the generator's codec: a generator made without one writes trees too.
            case JsonNode n -> Json.MAPPER.writeTree(out, n);
            case List<?> list -> {
                out.writeStartArray(list, list.size());
                for (Object item : list) {
                    out.writeString(String.valueOf(item));
                }
                out.writeEndArray();
            }
            default -> throw new IllegalStateException("field '" + field.name() + "' holds an unexpected "
                    + value.getClass().getName());
        }
    }
}
