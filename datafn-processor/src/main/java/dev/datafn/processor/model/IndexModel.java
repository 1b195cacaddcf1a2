package dev.datafn.processor.model;

import java.util.List;
import javax.lang.model.element.Element;

/**
 * A declared index: its keys as written, without the namespace that leads every index and the id that ends
 * it (the generator adds both, since DataFn scopes every query to a namespace and ends every sort with the
 * id).
 *
 * @param name       the index name (given, or {@code <resource>_<columns>_idx})
 * @param keys       the indexed fields with their direction, in order
 * @param element    the component or record that carries the {@code @Index}, for error reporting only
 * @param occurrence which of the element's {@code @Index} annotations declared it, counting from 0
 */
public record IndexModel(String name, List<Key> keys, Element element, int occurrence) {

    /** Copies the key list. */
    public IndexModel {
        keys = List.copyOf(keys);
    }

    /** @return the indexed field names, in order */
    public List<String> fields() {
        return keys.stream().map(Key::field).toList();
    }

    /**
     * One key of an index, written {@code "field"}, {@code "field:asc"} or {@code "field:desc"} like a DFQL
     * sort term.
     *
     * @param field     the field name
     * @param ascending ascending (nulls last, as DataFn sorts them) or descending (nulls first)
     */
    public record Key(String field, boolean ascending) {

        /**
         * @param field a field name
         * @return the field, ascending
         */
        public static Key ascending(String field) {
            return new Key(field, true);
        }

        /**
         * @param written a key as written in {@code @Index(fields = ...)}
         * @return the key, or {@code null} when the direction is neither {@code asc} nor {@code desc}
         */
        public static Key parse(String written) {
            int colon = written.lastIndexOf(':');
            if (colon < 0) {
                return new Key(written, true);
            }
            String direction = written.substring(colon + 1);
            return switch (direction) {
                case "asc" -> new Key(written.substring(0, colon), true);
                case "desc" -> new Key(written.substring(0, colon), false);
                default -> null;
            };
        }
    }
}
