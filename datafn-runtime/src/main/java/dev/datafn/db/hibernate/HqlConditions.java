package dev.datafn.db.hibernate;

import dev.datafn.db.EntityRows;
import dev.datafn.db.LikeMatcher;
import dev.datafn.query.ast.Operator;
import dev.datafn.query.plan.Condition;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes {@link Condition}s as HQL. Values are always parameters; names come only from the schema. A
 * condition on related records becomes a subquery over the related entity, confined to the statement's
 * namespace like the outer query ({@link HqlText#inNamespace}); many-many links are read from the
 * relation's link entity, by its (namespace, owner) key.
 */
final class HqlConditions {

    /** The escape character of the LIKE patterns built for startswith, endswith and contains. */
    private static final char ESCAPE = '\\';

    private final Map<String, EntityRows> rows;
    private final boolean onH2;

    /**
     * @param rows entity access by resource name, for value conversion
     * @param onH2 whether the database is H2, whose {@code LIKE} some patterns replace
     */
    HqlConditions(Map<String, EntityRows> rows, boolean onH2) {
        this.rows = rows;
        this.onH2 = onH2;
    }

    /**
     * @param out       the statement to append to
     * @param alias     the alias of the queried resource's entity
     * @param resource  the queried resource
     * @param condition the condition
     */
    void write(HqlText out, String alias, ResourceSchema resource, Condition condition) {
        write(out, condition, new Scope(alias, resource, f -> alias + "." + f.name()));
    }

    /**
     * @param out       the statement to append to
     * @param condition a condition over computed columns (the groups of an aggregation)
     * @param resource  the grouped resource
     * @param columns   the expression of each column
     */
    void writeColumns(HqlText out, Condition condition, ResourceSchema resource, Function<FieldSchema, String> columns) {
        write(out, condition, new Scope(null, resource, columns));
    }

    /**
     * What a condition is written over.
     *
     * @param alias    the alias of the resource's entity, for relation subqueries; {@code null} over groups
     * @param resource the resource
     * @param columns  the expression of each field
     */
    private record Scope(String alias, ResourceSchema resource, Function<FieldSchema, String> columns) {
    }

    private void write(HqlText out, Condition condition, Scope scope) {
        switch (condition) {
            case Condition.AllOf all -> junction(out, scope, all.conditions(), " and ", "1 = 1");
            case Condition.AnyOf any -> junction(out, scope, any.conditions(), " or ", "1 = 0");
            case Condition.Negation not -> {
                out.append("not (");
                write(out, not.condition(), scope);
                out.append(')');
            }
            case Condition.RelationMatch match -> {
                if (scope.alias() == null) {
                    throw new IllegalStateException("relation conditions do not apply to groups");
                }
                relationMatch(out, scope.alias(), match);
            }
            case Condition.FieldTest test -> fieldTest(out, scope, test);
        }
    }

    private void junction(HqlText out, Scope scope, List<Condition> parts, String joiner, String empty) {
        if (parts.isEmpty()) {
            out.append(empty);
            return;
        }
        out.append('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(joiner);
            }
            write(out, parts.get(i), scope);
        }
        out.append(')');
    }

    private void relationMatch(HqlText out, String alias, Condition.RelationMatch match) {
        RelationSchema relation = match.relation();
        // Each nesting level gets an alias of its own, derived from the outer one, so names never clash.
        String inner = alias + "r";
        String target = match.target().entityClass().getName();
        switch (relation.kind()) {
            case MANY_ONE -> out.append(alias).append('.').append(relation.field()).append(" in (select ")
                    .append(inner).append(".id from ").append(target).append(' ').append(inner).append(" where ");
            case ONE_MANY -> out.append(alias).append(".id in (select ").append(inner).append('.')
                    .append(relation.field()).append(" from ").append(target).append(' ').append(inner)
                    .append(" where ");
            case MANY_MANY -> {
                out.append("exists (select 1 from ").append(target).append(' ').append(inner).append(" where ");
                linked(out, alias, relation, inner + ".id");
                out.append(" and ");
            }
        }
        out.inNamespace(inner).append(" and ");
        write(out, inner, match.target(), match.condition());
        out.append(')');
    }

    /**
     * {@code the owner has a link} (to {@code targetId} when one is given), through the link entity when the
     * relation has one.
     */
    private static void linked(HqlText out, String ownerAlias, RelationSchema relation, String targetId) {
        if (relation.linkEntity() != null) {
            String link = ownerAlias + "l";
            out.append("exists (select 1 from ").append(relation.linkEntity().getName()).append(' ').append(link)
                    .append(" where ").inNamespace(link).append(" and ").append(link).append(".ownerId = ")
                    .append(ownerAlias).append(".id");
            if (targetId != null) {
                out.append(" and ").append(link).append(".targetId = ").append(targetId);
            }
            out.append(')');
        } else if (targetId != null) {
            out.append(targetId).append(" member of ").append(ownerAlias).append('.').append(relation.field());
        } else {
            out.append('(').append(ownerAlias).append('.').append(relation.field()).append(" is not empty)");
        }
    }

    private void fieldTest(HqlText out, Scope scope, Condition.FieldTest t) {
        FieldSchema field = t.field();
        String column = scope.columns().apply(field);
        Object operand = t.operand();
        if (field.type() == FieldType.ID_LIST) {
            idListTest(out, scope.alias(), scope.resource(), t);
            return;
        }
        EntityRows access = rows.get(scope.resource().name());
        switch (t.operator()) {
            case EQ -> compare(out, column, " = ", access.attributeValue(field, operand));
            case NE -> compare(out, column, " <> ", access.attributeValue(field, operand));
            case GT -> compare(out, column, " > ", access.attributeValue(field, operand));
            case GTE -> compare(out, column, " >= ", access.attributeValue(field, operand));
            case LT -> compare(out, column, " < ", access.attributeValue(field, operand));
            case LTE -> compare(out, column, " <= ", access.attributeValue(field, operand));
            case LIKE -> like(out, column, (String) operand, false);
            // The operand is lowered by the database, as the value is: each database's case mapping differs
            // from Java's for some characters (PostgreSQL lowers U+0130 to "i", Java to "i\u0307"), and a value
            // must match itself.
            case ILIKE -> like(out, "lower(" + column + ")", (String) operand, true);
            case CONTAINS -> escapedLike(out, column, "%" + escape((String) operand) + "%");
            case STARTSWITH -> escapedLike(out, column, escape((String) operand) + "%");
            case ENDSWITH -> escapedLike(out, column, "%" + escape((String) operand));
            case ISTARTSWITH -> lowerEscapedLike(out, column, escape((String) operand) + "%");
            case IENDSWITH -> lowerEscapedLike(out, column, "%" + escape((String) operand));
            case IS_NULL -> out.append(column).append((Boolean) operand ? " is null" : " is not null");
            case IS_NOT_NULL -> out.append(column).append((Boolean) operand ? " is not null" : " is null");
            case BETWEEN -> {
                List<?> bounds = (List<?>) operand;
                out.append(column).append(" between ").value(access.attributeValue(field, bounds.get(0)))
                        .append(" and ").value(access.attributeValue(field, bounds.get(1)));
            }
            case IN -> in(out, column, access, field, (List<?>) operand, false);
            case NIN -> in(out, column, access, field, (List<?>) operand, true);
        }
    }

    private static void compare(HqlText out, String column, String operator, Object value) {
        out.append(column).append(operator).value(value);
    }

    /** The null tests on an id list mean "has no links" / "has links"; contains means "links to this id". */
    private static void idListTest(HqlText out, String alias, ResourceSchema resource, Condition.FieldTest t) {
        RelationSchema relation = manyMany(resource, t.field());
        switch (t.operator()) {
            case CONTAINS -> {
                out.append('(');
                linked(out, alias, relation, out.placeholder(t.operand()));
                out.append(')');
            }
            case IS_NULL, IS_NOT_NULL -> {
                boolean empty = (Boolean) t.operand() == (t.operator() == Operator.IS_NULL);
                out.append(empty ? "not " : "");
                linked(out, alias, relation, null);
            }
            default -> throw new IllegalStateException(t.operator() + " on an id list");
        }
    }

    private static RelationSchema manyMany(ResourceSchema resource, FieldSchema field) {
        for (RelationSchema r : resource.relations()) {
            if (r.kind() == RelationKind.MANY_MANY && r.field().equals(field.name())) {
                return r;
            }
        }
        throw new IllegalStateException("id list '" + field.name() + "' of '" + resource.name() + "' has no relation");
    }

    /**
     * A like pattern: the database's own {@code LIKE}, except on H2 for patterns its {@code LIKE} would
     * backtrack on without bound or that hold {@code _}, which go to {@link LikeMatcher} (PostgreSQL's
     * matches, bounded time).
     */
    private void like(HqlText out, String expression, String pattern, boolean lowered) {
        String operand = lowered ? "lower(" + out.placeholder(pattern) + ")" : out.placeholder(pattern);
        if (onH2 && LikeMatcher.replacesH2Like(pattern)) {
            out.append("function('").append(LikeMatcher.H2_FUNCTION).append("', ").append(expression).append(", ")
                    .append(operand).append(") = true");
            return;
        }
        out.append(expression).append(" like ").append(operand);
    }

    private static void escapedLike(HqlText out, String expression, String pattern) {
        out.append(expression).append(" like ").value(pattern).append(" escape '\\'");
    }

    /** Both sides lowered by the database, which leaves the pattern's wildcards and escapes as they are. */
    private static void lowerEscapedLike(HqlText out, String column, String pattern) {
        out.append("lower(").append(column).append(") like lower(").value(pattern).append(") escape '\\'");
    }

    private static void in(HqlText out, String column, EntityRows access, FieldSchema field, List<?> values,
            boolean negated) {
        if (values.isEmpty()) {
            out.append(negated ? "1 = 1" : "1 = 0");
            return;
        }
        List<Object> converted = new java.util.ArrayList<>(values.size());
        for (Object v : values) {
            converted.add(access.attributeValue(field, v));
        }
        out.append(column).append(negated ? " not in " : " in ").values(converted);
    }

    /** Makes a literal safe inside a LIKE pattern: its % and _ match only themselves. */
    private static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 4);
        for (char c : literal.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}
