package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonReader;
import dev.datafn.processor.json.JsonSyntaxException;
import dev.datafn.processor.json.JsonValue;

/** A field's default, kept as JSON text in the model, as a value the documents can carry. */
final class DefaultValues {

    private DefaultValues() {
    }

    /** @param json a default validated as JSON @return its value */
    static JsonValue parse(String json) {
        try {
            return JsonReader.parse(json);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("a validated default is not JSON: " + json, e);
        }
    }
}
