package dev.datafn.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;

/** Reads a field's default, which the schema keeps as JSON text. */
public final class DefaultValues {

    private DefaultValues() {
    }

    /**
     * @param field a field with a default
     * @return the default as a JSON value, or {@code null} when the field has none
     */
    public static JsonNode parse(FieldSchema field) {
        if (field.defaultValue() == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(field.defaultValue());
        } catch (JsonProcessingException e) {
            throw new SchemaValidationException("field '" + field.name() + "' has a default that is not JSON: "
                    + field.defaultValue());
        }
    }
}
