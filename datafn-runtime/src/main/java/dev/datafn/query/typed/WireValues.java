package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;

/** Java values as DFQL operands, spelled the way the engine reads them back for each field type. */
final class WireValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireValues() {
    }

    /** @param value a value to compare with @return the value, or an error naming {@code isNull()} */
    static <V> V present(V value) {
        return Objects.requireNonNull(value, "null is not a value to compare with; test it with isNull()");
    }

    static JsonNode text(String value) {
        return NODES.textNode(present(value));
    }

    /** Numbers keep their Java type on the wire; NaN and infinities have no JSON form. */
    static JsonNode number(Number value) {
        return switch (present(value)) {
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case BigInteger b -> NODES.numberNode(b);
            case BigDecimal d -> NODES.numberNode(d);
            default -> {
                double d = value.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(value + " has no JSON form; compare with a finite number");
                }
                yield NODES.numberNode(d);
            }
        };
    }

    /** ISO-8601, {@code 2026-12-24}. */
    static JsonNode date(LocalDate value) {
        return NODES.textNode(present(value).toString());
    }

    /** ISO-8601 in UTC, {@code 2026-12-24T08:00:00Z}. */
    static JsonNode instant(Instant value) {
        return NODES.textNode(present(value).toString());
    }

    /** The constant's name, whatever its {@code toString} says. */
    static JsonNode constant(Enum<?> value) {
        return NODES.textNode(present(value).name());
    }

    static <V> ArrayNode array(Collection<? extends V> values, Function<? super V, JsonNode> toWire) {
        ArrayNode out = NODES.arrayNode();
        for (V v : Objects.requireNonNull(values, "values")) {
            out.add(toWire.apply(present(v)));
        }
        return out;
    }
}
