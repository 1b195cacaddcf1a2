package dev.datafn.db.hibernate;

import dev.datafn.db.EntityRows;
import dev.datafn.db.LikeMatcher;
import dev.datafn.query.ast.Operator;
import dev.datafn.query.plan.Condition;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.RelationSchema;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Translates {@link Condition}s to JPA Criteria predicates. Values are always bound parameters; field
 * names come only from the schema. A condition on related records becomes a subquery, which
 * Hibernate's tenant filter restricts to the caller's namespace like the outer query.
 */
final class CriteriaConditions {

    /** The escape character of the LIKE patterns built for startswith, endswith and contains. */
    private static final char ESCAPE = '\\';

    private final CriteriaBuilder cb;
    private final Map<String, EntityRows> rows;
    private final boolean onH2;

    /**
     * @param session the session the predicates are for: its criteria builder, and its database, which
     *                decides how like patterns are evaluated
     * @param rows    entity access by resource name
     */
    CriteriaConditions(Session session, Map<String, EntityRows> rows) {
        this.cb = session.getCriteriaBuilder();
        this.rows = rows;
        this.onH2 = session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect() instanceof H2Dialect;
    }

    /**
     * @param query     the query (or subquery) the predicate belongs to, for nested subqueries
     * @param root      the queried resource's root
     * @param access    the queried resource's entity access, for value conversion
     * @param condition the condition
     * @return the predicate
     */
    Predicate records(AbstractQuery<?> query, Root<?> root, EntityRows access, Condition condition) {
        return predicate(condition, field -> root.get(field.name()), access,
                match -> relationMatch(query, root, match));
    }

    /**
     * @param condition a condition over computed columns (the groups of an aggregation)
     * @param columns   the expression of each column
     * @param access    the resource's entity access, for value conversion
     * @return the predicate
     */
    Predicate columns(Condition condition, Function<FieldSchema, Expression<?>> columns, EntityRows access) {
        return predicate(condition, columns, access, match -> {
            throw new IllegalStateException("relation conditions do not apply to groups");
        });
    }

    private Predicate predicate(Condition condition, Function<FieldSchema, Expression<?>> columns, EntityRows access,
            Function<Condition.RelationMatch, Predicate> relations) {
        return switch (condition) {
            case Condition.AllOf all -> cb.and(all.conditions().stream()
                    .map(c -> predicate(c, columns, access, relations)).toArray(Predicate[]::new));
            case Condition.AnyOf any -> cb.or(any.conditions().stream()
                    .map(c -> predicate(c, columns, access, relations)).toArray(Predicate[]::new));
            case Condition.Negation not -> cb.not(predicate(not.condition(), columns, access, relations));
            case Condition.RelationMatch match -> relations.apply(match);
            case Condition.FieldTest test -> fieldTest(columns.apply(test.field()), access, test);
        };
    }

    private Predicate relationMatch(AbstractQuery<?> query, Root<?> root, Condition.RelationMatch match) {
        RelationSchema relation = match.relation();
        Subquery<String> sub = query.subquery(String.class);
        Root<?> target = sub.from(match.target().entityClass());
        Predicate inner = records(sub, target, rows.get(match.target().name()), match.condition());
        return switch (relation.kind()) {
            case MANY_ONE -> {
                sub.select(target.get("id")).where(inner);
                yield root.get(relation.field()).in(sub);
            }
            case ONE_MANY -> {
                sub.select(target.get(relation.field())).where(inner);
                yield root.get("id").in(sub);
            }
            case MANY_MANY -> {
                Root<?> owner = sub.correlate(root);
                Join<?, ?> linked = owner.join(relation.field());
                sub.select(target.get("id")).where(cb.and(inner, cb.equal(linked, target.get("id"))));
                yield cb.exists(sub);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Predicate fieldTest(Expression expr, EntityRows access, Condition.FieldTest t) {
        FieldSchema field = t.field();
        Object operand = t.operand();
        if (field.type() == FieldType.ID_LIST) {
            Expression<Collection<String>> links = expr;
            return switch (t.operator()) {
                case CONTAINS -> cb.isMember((String) operand, links);
                // The null tests on an id list mean "has no links" / "has links".
                case IS_NULL -> (Boolean) operand ? cb.isEmpty(links) : cb.isNotEmpty(links);
                case IS_NOT_NULL -> (Boolean) operand ? cb.isNotEmpty(links) : cb.isEmpty(links);
                default -> throw new IllegalStateException(t.operator() + " on an id list");
            };
        }
        boolean nullTest = t.operator() == Operator.IS_NULL || t.operator() == Operator.IS_NOT_NULL;
        Object value = nullTest || operand instanceof List<?> ? operand : access.attributeValue(field, operand);
        return switch (t.operator()) {
            case EQ -> cb.equal(expr, value);
            case NE -> cb.notEqual(expr, value);
            case GT -> cb.greaterThan(expr, (Comparable) value);
            case GTE -> cb.greaterThanOrEqualTo(expr, (Comparable) value);
            case LT -> cb.lessThan(expr, (Comparable) value);
            case LTE -> cb.lessThanOrEqualTo(expr, (Comparable) value);
            case LIKE -> like(expr, (String) value);
            case ILIKE -> like(cb.lower(expr), lower(value));
            case CONTAINS -> cb.like(expr, "%" + escape((String) value) + "%", ESCAPE);
            case STARTSWITH -> cb.like(expr, escape((String) value) + "%", ESCAPE);
            case ENDSWITH -> cb.like(expr, "%" + escape((String) value), ESCAPE);
            case ISTARTSWITH -> cb.like(cb.lower(expr), escape(lower(value)) + "%", ESCAPE);
            case IENDSWITH -> cb.like(cb.lower(expr), "%" + escape(lower(value)), ESCAPE);
            case IS_NULL -> (Boolean) value ? cb.isNull(expr) : cb.isNotNull(expr);
            case IS_NOT_NULL -> (Boolean) value ? cb.isNotNull(expr) : cb.isNull(expr);
            case BETWEEN -> {
                List<?> bounds = (List<?>) operand;
                yield cb.between(expr, (Comparable) access.attributeValue(field, bounds.get(0)),
                        (Comparable) access.attributeValue(field, bounds.get(1)));
            }
            case IN -> in(expr, access, field, (List<?>) operand);
            case NIN -> cb.not(in(expr, access, field, (List<?>) operand));
        };
    }

    /**
     * A like pattern as SQL: the database's own {@code LIKE}, except on H2 for patterns its {@code LIKE}
     * would backtrack on without bound or that hold {@code _}, which go to {@link LikeMatcher} (PostgreSQL's
     * matches, bounded time).
     */
    private Predicate like(Expression<String> value, String pattern) {
        if (onH2 && LikeMatcher.replacesH2Like(pattern)) {
            return cb.isTrue(cb.function(LikeMatcher.H2_FUNCTION, Boolean.class, value, cb.literal(pattern)));
        }
        return cb.like(value, pattern);
    }

    @SuppressWarnings("rawtypes")
    private Predicate in(Expression expr, EntityRows access, FieldSchema field, List<?> values) {
        if (values.isEmpty()) {
            return cb.disjunction();
        }
        CriteriaBuilder.In<Object> in = cb.in(expr);
        for (Object v : values) {
            in.value(access.attributeValue(field, v));
        }
        return in;
    }

    private static String lower(Object value) {
        return ((String) value).toLowerCase(Locale.ROOT);
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
