package dev.datafn.processor.collect;

import dev.datafn.annotations.Field;
import dev.datafn.processor.json.JsonWriter;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.ScalarKind;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;

/**
 * Reads {@code @Field} into {@link FieldConstraints}: unset markers become {@code null}, a bare word
 * default of a string or enum field becomes a JSON string, and a primitive gets its zero default. It
 * checks nothing; validation does.
 */
final class FieldOptionsReader {

    /** The maxLength a unique string gets when it declares none: unique values are indexed. */
    static final int UNIQUE_STRING_MAX_LENGTH = 255;

    private FieldOptionsReader() {
    }

    /**
     * @param field     the component's {@code @Field}, if any
     * @param type      the field's type
     * @param primitive whether the component is a primitive
     * @return the options
     */
    static FieldConstraints read(Optional<AnnotationMirror> field, FieldType type, boolean primitive) {
        boolean required = primitive;
        boolean unique = false;
        String defaultValue = null;
        Integer maxLength = null;
        Double min = null;
        Double max = null;
        String pattern = null;
        boolean searchable = false;
        boolean readOnly = false;
        String readRule = null;
        String writeRule = null;
        String analyzer = "DEFAULT";
        if (field.isPresent()) {
            AnnotationReader reader = new AnnotationReader(field.get());
            required |= reader.bool("required");
            unique = reader.bool("unique");
            String rawDefault = reader.string("defaultValue");
            defaultValue = rawDefault.equals(Field.NO_DEFAULT) ? null : normalizeDefault(rawDefault, type);
            int length = reader.integer("maxLength");
            maxLength = length == -1 ? null : length;
            min = nullIfNaN(reader.decimal("min"));
            max = nullIfNaN(reader.decimal("max"));
            pattern = reader.string("pattern").isEmpty() ? null : reader.string("pattern");
            searchable = reader.bool("searchable");
            readOnly = reader.bool("readOnly");
            readRule = reader.string("read").isEmpty() ? null : reader.string("read");
            writeRule = reader.string("write").isEmpty() ? null : reader.string("write");
            analyzer = reader.enumConstant("analyzer").isEmpty() ? "DEFAULT" : reader.enumConstant("analyzer");
        }
        if (unique && maxLength == null && type.is(ScalarKind.STRING)) {
            // A unique value is indexed, and index entries are bounded (PostgreSQL: 2704 bytes).
            maxLength = UNIQUE_STRING_MAX_LENGTH;
        }
        boolean implied = false;
        if (primitive && defaultValue == null) {
            defaultValue = zeroOf(type);
            implied = true;
        }
        return new FieldConstraints(required, unique, defaultValue, implied, maxLength, min, max, pattern,
                searchable, readOnly, readRule, writeRule, analyzer);
    }

    /**
     * A string or enum default may be written as a bare word ({@code red}); it stands for the JSON string
     * {@code "red"}. Everything else is JSON text already.
     */
    private static String normalizeDefault(String raw, FieldType type) {
        boolean textual = type.is(ScalarKind.STRING) || type instanceof FieldType.EnumType;
        return textual && !raw.startsWith("\"") ? JsonWriter.quote(raw) : raw;
    }

    private static String zeroOf(FieldType type) {
        if (type.is(ScalarKind.BOOLEAN)) {
            return "false";
        }
        return type.is(ScalarKind.NUMBER) ? "0.0" : "0";
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
