package dev.datafn.query.plan;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.access.Access;
import dev.datafn.config.Limits;
import dev.datafn.query.ast.Filter;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns a parsed filter into a {@link Condition}: field names resolved (through relations for dotted
 * names such as {@code project.name}), operators checked against field types, operands typed.
 */
final class ConditionPlanner {

    private final Schema schema;
    private final Limits limits;
    private final Access access;

    ConditionPlanner(Schema schema, Limits limits, Access access) {
        this.schema = schema;
        this.limits = limits;
        this.access = access;
    }

    /** Plans a filter over a resource's records; dotted names follow relations, to any depth. */
    Condition records(ResourceSchema resource, Filter filter) {
        return plan(filter, c -> comparison(resource, c, c.field()));
    }

    /**
     * Plans a filter over something other than records (the groups of an aggregation).
     *
     * @param filter the filter
     * @param fields resolves a name at a path to a field, or fails
     */
    Condition over(Filter filter, BiFunction<String, String, FieldSchema> fields) {
        return plan(filter, c -> test(fields.apply(c.field(), c.path()), c));
    }

    private Condition plan(Filter filter, Function<Filter.Comparison, Condition> leaf) {
        return switch (filter) {
            case Filter.And and -> new Condition.AllOf(and.filters().stream().map(f -> plan(f, leaf)).toList());
            case Filter.Or or -> new Condition.AnyOf(or.filters().stream().map(f -> plan(f, leaf)).toList());
            case Filter.Not not -> new Condition.Negation(plan(not.filter(), leaf));
            case Filter.Comparison c -> leaf.apply(c);
        };
    }

    private Condition comparison(ResourceSchema resource, Filter.Comparison c, String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            FieldSchema field = QueryPlanner.field(resource, name, c.path());
            access.requireRead(resource, field, c.path());
            return test(field, c);
        }
        String relationName = name.substring(0, dot);
        RelationSchema relation = resource.relation(relationName).orElseThrow(() -> new DataFnException(
                ErrorCode.DFQL_UNKNOWN_RELATION, "resource '" + resource.name() + "' has no relation '"
                + relationName + "'", c.path()));
        ResourceSchema related = schema.resource(relation.target()).orElseThrow();
        access.requireRead(resource, relation, related, c.path());
        return new Condition.RelationMatch(relation, related, comparison(related, c, name.substring(dot + 1)));
    }

    private Condition test(FieldSchema field, Filter.Comparison c) {
        return new Condition.FieldTest(field, c.operator(),
                Operators.operand(field, c.operator(), c.operand(), c.path(), limits));
    }
}
