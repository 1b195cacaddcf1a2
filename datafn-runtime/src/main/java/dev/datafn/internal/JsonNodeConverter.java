package dev.datafn.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a JSON field as text, the one representation H2 and PostgreSQL share. Generated entities put
 * it on every {@code json} field.
 */
@Converter
public final class JsonNodeConverter implements AttributeConverter<JsonNode, String> {

    /** Creates the converter (Hibernate instantiates it). */
    public JsonNodeConverter() {
    }

    @Override
    public String convertToDatabaseColumn(JsonNode value) {
        return value == null || value.isNull() ? null : value.toString();
    }

    @Override
    public JsonNode convertToEntityAttribute(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }
}
