package dev.datafn.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.config.Limits;
import dev.datafn.json.JsonPaths;
import dev.datafn.query.ast.Operator;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.FieldValues;
import java.util.ArrayList;
import java.util.List;

/** Which operators fit which field types, and how each operator's operand is read. */
final class Operators {

    /**
     * The longest operand of a pattern operator ({@code like}, {@code contains}, {@code startswith}...): a
     * pattern is matched at each position of the value, so its work is the value's length times the
     * pattern's, on every database; with values of up to 1,000,000 characters this keeps one row's match
     * within about a billion steps.
     */
    static final int MAX_PATTERN_LENGTH = 1_000;

    private Operators() {
    }

    /** @return whether values of the type have an order that {@code gt}/{@code lt} compare */
    static boolean orderable(FieldType type) {
        return switch (type) {
            case STRING, INTEGER, LONG, NUMBER, DECIMAL, DATE, DATETIME -> true;
            default -> false;
        };
    }

    private static boolean comparableForEquality(FieldType type) {
        return type != FieldType.JSON && type != FieldType.ID_LIST;
    }

    /**
     * Checks that an operator fits a field and reads its operand as the field's Java type.
     *
     * @param field   the field
     * @param op      the operator
     * @param operand the operand as sent
     * @param path    the operand's path
     * @param limits  the limits (the size of in lists)
     * @return the typed operand
     */
    static Object operand(FieldSchema field, Operator op, JsonNode operand, String path, Limits limits) {
        FieldType type = field.type();
        return switch (op) {
            case EQ, NE -> {
                requireFits(comparableForEquality(type), field, op, path);
                if (operand.isNull()) {
                    throw DataFnException.invalid(path, "compare with null using is_null, not " + op.wireName());
                }
                yield FieldValues.fromJson(field, operand, path);
            }
            case GT, GTE, LT, LTE -> {
                requireFits(orderable(type), field, op, path);
                if (operand.isNull()) {
                    throw DataFnException.invalid(path, op.wireName() + " needs a value, not null");
                }
                yield FieldValues.fromJson(field, operand, path);
            }
            case LIKE, ILIKE -> {
                requireFits(type == FieldType.STRING, field, op, path);
                if (!operand.isTextual()) {
                    throw DataFnException.invalid(path, op.wireName() + " needs a pattern string such as \"%milk%\"");
                }
                yield pattern(op, FieldValues.storableText(operand.textValue(), path), path);
            }
            case IS_NULL, IS_NOT_NULL -> {
                if (!operand.isBoolean()) {
                    throw DataFnException.invalid(path, op.wireName() + " takes true or false");
                }
                yield operand.booleanValue();
            }
            case CONTAINS -> {
                if (type == FieldType.ID_LIST) {
                    if (!operand.isTextual()) {
                        throw DataFnException.invalid(path, "contains on an id list takes one id string");
                    }
                    yield FieldValues.storableText(operand.textValue(), path);
                }
                requireFits(type == FieldType.STRING, field, op, path);
                yield text(op, operand, path);
            }
            case STARTSWITH, ENDSWITH, ISTARTSWITH, IENDSWITH -> {
                requireFits(type == FieldType.STRING, field, op, path);
                yield text(op, operand, path);
            }
            case BETWEEN -> {
                requireFits(orderable(type), field, op, path);
                if (!operand.isArray() || operand.size() != 2 || operand.get(0).isNull() || operand.get(1).isNull()) {
                    throw DataFnException.invalid(path, "between takes [low, high], both present");
                }
                yield List.of(FieldValues.fromJson(field, operand.get(0), JsonPaths.index(path, 0)),
                        FieldValues.fromJson(field, operand.get(1), JsonPaths.index(path, 1)));
            }
            case IN, NIN -> {
                requireFits(comparableForEquality(type), field, op, path);
                if (!operand.isArray()) {
                    throw DataFnException.invalid(path, op.wireName() + " takes an array of values");
                }
                if (operand.size() > limits.maxLimit() * 10) {
                    throw DataFnException.invalid(path, op.wireName() + " takes at most " + limits.maxLimit() * 10
                            + " values");
                }
                List<Object> values = new ArrayList<>(operand.size());
                for (int i = 0; i < operand.size(); i++) {
                    JsonNode item = operand.get(i);
                    String itemPath = JsonPaths.index(path, i);
                    if (item.isNull()) {
                        throw DataFnException.invalid(itemPath, "null cannot be in a list; use is_null");
                    }
                    values.add(FieldValues.fromJson(field, item, itemPath));
                }
                yield values;
            }
        };
    }

    private static String text(Operator op, JsonNode operand, String path) {
        if (!operand.isTextual()) {
            throw DataFnException.invalid(path, op.wireName() + " takes a string");
        }
        return pattern(op, FieldValues.storableText(operand.textValue(), path), path);
    }

    private static String pattern(Operator op, String text, String path) {
        if (text.length() > MAX_PATTERN_LENGTH) {
            throw DataFnException.invalid(path, op.wireName() + " takes at most " + MAX_PATTERN_LENGTH
                    + " characters");
        }
        return text;
    }

    private static void requireFits(boolean fits, FieldSchema field, Operator op, String path) {
        if (!fits) {
            throw DataFnException.invalid(path, "operator '" + op.wireName() + "' does not apply to field '"
                    + field.name() + "' of type " + field.type().wireName());
        }
    }
}
