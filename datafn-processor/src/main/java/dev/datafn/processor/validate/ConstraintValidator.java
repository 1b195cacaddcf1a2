package dev.datafn.processor.validate;

import dev.datafn.processor.diagnostics.AnnotationNames;
import dev.datafn.processor.diagnostics.Diagnostics;
import dev.datafn.processor.diagnostics.Messages;
import dev.datafn.processor.json.JsonReader;
import dev.datafn.processor.json.JsonSyntaxException;
import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.ScalarKind;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a field's {@code @Field} options against its type and against each other, and its default
 * against the options. Every problem is an {@code [DataFn/InvalidConstraint]} on the offending value.
 */
final class ConstraintValidator {

    /** Unique values are indexed; PostgreSQL keeps index entries under 2704 bytes (4 per character). */
    static final int UNIQUE_MAX_LENGTH = 500;

    private static final String FIELD = AnnotationNames.FIELD;

    private final Diagnostics diagnostics;

    /** @param diagnostics where problems go */
    ConstraintValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** @param field the field to check */
    void validate(FieldModel field) {
        FieldConstraints c = field.constraints();
        String name = field.name();
        FieldType type = field.type();
        boolean string = type.is(ScalarKind.STRING);
        if (c.maxLength() != null) {
            if (!string) {
                notForType(field, "maxLength", "string");
            } else if (c.maxLength() < 1) {
                diagnostics.error(field.element(), FIELD, "maxLength", Messages.maxLengthNotPositive(name,
                        c.maxLength()));
            } else if (c.unique() && c.maxLength() > UNIQUE_MAX_LENGTH) {
                diagnostics.error(field.element(), FIELD, "maxLength", Messages.uniqueTooLong(name,
                        c.maxLength(), UNIQUE_MAX_LENGTH));
            }
        }
        boolean patternValid = true;
        if (c.pattern() != null) {
            if (!string) {
                notForType(field, "pattern", "string");
            } else {
                patternValid = checkPattern(field);
            }
        }
        if (c.searchable() && !string) {
            notForType(field, "searchable", "string");
        }
        if (!c.searchable() && !c.analyzer().equals("DEFAULT")) {
            diagnostics.error(field.element(), FIELD, "analyzer", Messages.analyzerWithoutSearchable(name));
        }
        boolean boundsValid = checkBounds(field);
        if (c.unique() && (type instanceof FieldType.IdList || type.is(ScalarKind.JSON))) {
            notForType(field, "unique", "single-valued, non-json");
        }
        if (field.role() == FieldRole.CREATED_AT || field.role() == FieldRole.UPDATED_AT) {
            String role = field.role() == FieldRole.CREATED_AT ? "@CreatedAt" : "@UpdatedAt";
            notForRole(field, c.required(), "required", role);
            notForRole(field, c.unique(), "unique", role);
            notForRole(field, c.defaultValue() != null, "defaultValue", role);
        } else if (field.role() == FieldRole.ID) {
            notForRole(field, c.defaultValue() != null, "defaultValue", "@Id");
        } else if (c.defaultValue() != null) {
            checkDefault(field, patternValid && boundsValid);
        }
    }

    private boolean checkPattern(FieldModel field) {
        try {
            Pattern.compile(field.constraints().pattern());
            return true;
        } catch (PatternSyntaxException e) {
            diagnostics.error(field.element(), FIELD, "pattern", Messages.invalidPattern(field.name(),
                    field.constraints().pattern(), e.getDescription()));
            return false;
        }
    }

    private boolean checkBounds(FieldModel field) {
        FieldConstraints c = field.constraints();
        boolean valid = true;
        for (String option : new String[] {"min", "max"}) {
            Double bound = option.equals("min") ? c.min() : c.max();
            if (bound == null) {
                continue;
            }
            if (!field.type().isNumeric()) {
                notForType(field, option, "integer, long, number and decimal");
                valid = false;
            } else if (!Double.isFinite(bound)) {
                diagnostics.error(field.element(), FIELD, option, Messages.boundNotFinite(option, field.name(), bound));
                valid = false;
            }
        }
        if (valid && c.min() != null && c.max() != null && c.min() > c.max()) {
            diagnostics.error(field.element(), FIELD, "min", Messages.minAboveMax(field.name(), c.min(), c.max()));
            valid = false;
        }
        return valid;
    }

    /** Parses the default for the field's type, then holds it against the field's own constraints. */
    private void checkDefault(FieldModel field, boolean constraintsValid) {
        FieldConstraints c = field.constraints();
        var problem = DefaultValueRules.problem(field.type(), c.defaultValue());
        if (problem.isPresent()) {
            diagnostics.error(field.element(), FIELD, "defaultValue",
                    Messages.invalidDefault(field.name(), c.defaultValue(), problem.get()));
            return;
        }
        if (!constraintsValid) {
            return;
        }
        JsonValue value;
        try {
            value = JsonReader.parse(c.defaultValue());
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("a checked default no longer parses", e);
        }
        if (value instanceof JsonValue.JsonNumber number) {
            BigDecimal n = number.toBigDecimal();
            if (c.min() != null && n.compareTo(BigDecimal.valueOf(c.min())) < 0) {
                breaks(field, "min", "min = " + c.min());
            } else if (c.max() != null && n.compareTo(BigDecimal.valueOf(c.max())) > 0) {
                breaks(field, "max", "max = " + c.max());
            }
        } else if (value instanceof JsonValue.JsonString s && field.type().is(ScalarKind.STRING)) {
            if (c.maxLength() != null && s.value().length() > c.maxLength()) {
                breaks(field, "maxLength", "maxLength = " + c.maxLength());
            } else if (c.pattern() != null && !Pattern.compile(c.pattern()).matcher(s.value()).matches()) {
                breaks(field, "pattern", "pattern '" + c.pattern() + "'");
            }
        }
    }

    /** A written default is blamed for the clash; an implied zero blames the constraint it breaks. */
    private void breaks(FieldModel field, String option, String rule) {
        FieldConstraints c = field.constraints();
        if (c.defaultImplied()) {
            diagnostics.error(field.element(), FIELD, option,
                    Messages.impliedDefaultBreaksConstraint(field.name(), c.defaultValue(), rule));
        } else {
            diagnostics.error(field.element(), FIELD, "defaultValue",
                    Messages.defaultBreaksConstraint(field.name(), c.defaultValue(), rule));
        }
    }

    private void notForType(FieldModel field, String option, String applies) {
        diagnostics.error(field.element(), FIELD, option,
                Messages.constraintNotForType(option, field.name(), field.type().wireName(), applies));
    }

    private void notForRole(FieldModel field, boolean set, String option, String role) {
        if (set) {
            diagnostics.error(field.element(), FIELD, option, Messages.constraintNotForRole(option, field.name(), role));
        }
    }
}
