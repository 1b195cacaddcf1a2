package dev.datafn.query.ast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A DFQL filter as parsed, before it is checked against the schema. Operands stay JSON here; the
 * validator types them by the field they apply to. Every node keeps the JSON path it came from, so
 * an error found later still points at the right place.
 */
public sealed interface Filter {

    /** @return the JSON path of this node in the request */
    String path();

    /**
     * All of the filters hold ({@code $and}, or several keys in one object).
     *
     * @param filters the filters
     * @param path    the JSON path
     */
    record And(List<Filter> filters, String path) implements Filter {
        /** Copies the list. */
        public And {
            filters = List.copyOf(filters);
        }
    }

    /**
     * At least one of the filters holds ({@code $or}).
     *
     * @param filters the filters
     * @param path    the JSON path
     */
    record Or(List<Filter> filters, String path) implements Filter {
        /** Copies the list. */
        public Or {
            filters = List.copyOf(filters);
        }
    }

    /**
     * The filter does not hold ({@code $not}).
     *
     * @param filter the negated filter
     * @param path   the JSON path
     */
    record Not(Filter filter, String path) implements Filter {
    }

    /**
     * One field compared with one operand: {@code "priority": {"gte": 3}}.
     *
     * @param field    the field name
     * @param operator the operator
     * @param operand  the operand as sent
     * @param path     the JSON path of the operand
     */
    record Comparison(String field, Operator operator, JsonNode operand, String path) implements Filter {
    }
}
