package dev.datafn.processor.model;

import java.util.List;
import javax.lang.model.element.Element;

/**
 * A declared index.
 *
 * @param name       the index name (given, or {@code <resource>_<columns>_idx})
 * @param fields     the indexed field names, in order
 * @param element    the component or record that carries the {@code @Index}, for error reporting only
 * @param occurrence which of the element's {@code @Index} annotations declared it, counting from 0
 */
public record IndexModel(String name, List<String> fields, Element element, int occurrence) {

    /** Copies the field list. */
    public IndexModel {
        fields = List.copyOf(fields);
    }
}
