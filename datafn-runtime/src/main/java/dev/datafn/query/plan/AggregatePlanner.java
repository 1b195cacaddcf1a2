package dev.datafn.query.plan;

import dev.datafn.access.Access;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.JsonPaths;
import dev.datafn.query.ast.AggregateFunction;
import dev.datafn.query.ast.Aggregation;
import dev.datafn.query.ast.Query;
import dev.datafn.query.ast.SortTerm;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.SchemaNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans {@code groupBy} / {@code aggregations} / {@code having}: group fields and aggregated fields
 * resolved, each function checked against its field's type, each aggregation given a typed result
 * column that {@code having} and {@code sort} may use by its alias.
 */
final class AggregatePlanner {

    private final ConditionPlanner conditions;
    private final Access access;

    AggregatePlanner(ConditionPlanner conditions, Access access) {
        this.conditions = conditions;
        this.access = access;
    }

    AggregatePlan plan(ResourceSchema resource, Query query, Condition condition, int limit, int offset, String path) {
        for (String member : new String[] {"select", "omit", "cursor", "count"}) {
            boolean present = switch (member) {
                case "select" -> query.select() != null;
                case "omit" -> !query.omit().isEmpty();
                case "cursor" -> query.cursor() != null;
                default -> query.count();
            };
            if (present) {
                throw DataFnException.invalid(JsonPaths.child(path, member), "'" + member
                        + "' does not apply to a grouping query; its rows are the groups and aggregations");
            }
        }
        Map<String, FieldSchema> columns = new LinkedHashMap<>();
        List<FieldSchema> groupBy = new ArrayList<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            String groupPath = JsonPaths.index(JsonPaths.child(path, "groupBy"), i);
            FieldSchema field = QueryPlanner.field(resource, query.groupBy().get(i), groupPath);
            access.requireRead(resource, field, groupPath);
            QueryPlanner.requireSortable(field, groupPath);
            if (columns.put(field.name(), field) != null) {
                throw DataFnException.invalid(groupPath, "field '" + field.name() + "' is grouped by twice");
            }
            groupBy.add(field);
        }
        List<AggregatePlan.Column> aggregations = new ArrayList<>();
        for (Aggregation a : query.aggregations()) {
            AggregatePlan.Column column = column(resource, a);
            if (columns.put(a.alias(), column.result()) != null) {
                throw DataFnException.invalid(a.path(), "'" + a.alias() + "' names a group field or another "
                        + "aggregation; choose another alias");
            }
            aggregations.add(column);
        }
        Condition having = query.having() == null ? null
                : conditions.over(query.having(), (name, p) -> column(columns, name, p));
        List<QueryPlan.Order> order = new ArrayList<>();
        for (SortTerm term : query.sort()) {
            order.add(new QueryPlan.Order(column(columns, term.field(), term.path()), term.ascending()));
        }
        // The group keys, ascending, break the ties of the requested order: groups that sort alike come in
        // one order on every database, and limit/offset pages neither repeat nor skip a group.
        for (FieldSchema group : groupBy) {
            if (order.stream().noneMatch(o -> o.field().equals(group))) {
                order.add(new QueryPlan.Order(group, true));
            }
        }
        return new AggregatePlan(resource, condition, groupBy, aggregations, having, order, limit, offset);
    }

    private static FieldSchema column(Map<String, FieldSchema> columns, String name, String path) {
        FieldSchema column = columns.get(name);
        if (column == null) {
            throw new DataFnException(ErrorCode.DFQL_UNKNOWN_FIELD, "'" + name + "' is neither a group field nor "
                    + "an aggregation alias; use one of " + columns.keySet(), path);
        }
        return column;
    }

    private AggregatePlan.Column column(ResourceSchema resource, Aggregation a) {
        if (!SchemaNames.FIELD_NAME.matcher(a.alias()).matches()) {
            throw DataFnException.invalid(a.path(), "an aggregation alias is a name of letters, digits and _");
        }
        AggregateFunction fn = a.function();
        if (a.field() == null) {
            if (fn != AggregateFunction.COUNT) {
                throw DataFnException.invalid(JsonPaths.child(a.path(), "field"), fn.wireName() + " needs a field");
            }
            return new AggregatePlan.Column(a.alias(), fn, null, result(a.alias(), FieldType.LONG, null));
        }
        FieldSchema field = QueryPlanner.field(resource, a.field(), JsonPaths.child(a.path(), "field"));
        access.requireRead(resource, field, JsonPaths.child(a.path(), "field"));
        FieldType type = field.type();
        boolean numeric = type == FieldType.INTEGER || type == FieldType.LONG || type == FieldType.NUMBER
                || type == FieldType.DECIMAL;
        boolean fits = switch (fn) {
            case COUNT, COUNT_DISTINCT -> type != FieldType.JSON && type != FieldType.ID_LIST;
            case SUM, AVG -> numeric;
            case MIN, MAX -> Operators.orderable(type);
        };
        if (!fits) {
            throw DataFnException.invalid(JsonPaths.child(a.path(), "field"), fn.wireName()
                    + " does not apply to field '" + field.name() + "' of type " + type.wireName());
        }
        FieldType resultType = switch (fn) {
            case COUNT, COUNT_DISTINCT -> FieldType.LONG;
            case AVG -> FieldType.NUMBER;
            // A sum of integers cannot overflow a long; a sum of longs can, so it is exact decimal.
            case SUM -> type == FieldType.INTEGER ? FieldType.LONG : type == FieldType.LONG ? FieldType.DECIMAL : type;
            case MIN, MAX -> type;
        };
        return new AggregatePlan.Column(a.alias(), fn, field, result(a.alias(), resultType, field));
    }

    private static FieldSchema result(String alias, FieldType type, FieldSchema source) {
        FieldSchema.Builder b = FieldSchema.builder(alias, type).column(alias);
        if (type == FieldType.ENUM && source != null) {
            b.enumValues(source.enumValues().toArray(String[]::new));
        }
        return b.build();
    }
}
