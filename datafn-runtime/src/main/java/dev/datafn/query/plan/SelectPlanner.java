package dev.datafn.query.plan;

import dev.datafn.access.Access;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.JsonPaths;
import dev.datafn.query.ast.Query;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans {@code select} and {@code omit}: which fields each record carries, and which relations are
 * expanded ({@code "project.*"}, {@code "tags.name"}). Without {@code select} every field is returned;
 * a select of only relation tokens keeps every field and adds the relations.
 */
final class SelectPlanner {

    private final Schema schema;
    private final Access access;

    SelectPlanner(Schema schema, Access access) {
        this.schema = schema;
        this.access = access;
    }

    record Selection(List<FieldSchema> fields, List<Expansion> expansions) {
    }

    Selection plan(ResourceSchema resource, Query query, String path) {
        Set<String> wanted = null;
        Map<String, Set<String>> related = new LinkedHashMap<>();
        Map<String, String> relatedPaths = new LinkedHashMap<>();
        List<String> tokens = query.select() == null ? List.of() : query.select();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String tokenPath = JsonPaths.index(JsonPaths.child(path, "select"), i);
            int dot = token.indexOf('.');
            if (dot >= 0) {
                String relationName = token.substring(0, dot);
                String rest = token.substring(dot + 1);
                if (rest.contains(".")) {
                    throw new DataFnException(ErrorCode.DFQL_UNSUPPORTED,
                            "nested relation expansion ('" + token + "') is not supported; expand one level", tokenPath);
                }
                related.computeIfAbsent(relationName, k -> new LinkedHashSet<>()).add(rest);
                relatedPaths.putIfAbsent(relationName, tokenPath);
            } else if (token.equals("*")) {
                wanted = allFields(resource);
            } else {
                if (wanted == null) {
                    wanted = new LinkedHashSet<>();
                }
                FieldSchema field = QueryPlanner.field(resource, token, tokenPath);
                access.requireRead(resource, field, tokenPath);
                wanted.add(field.name());
            }
        }
        if (wanted == null) {
            wanted = allFields(resource);
        }
        for (int i = 0; i < query.omit().size(); i++) {
            wanted.remove(QueryPlanner.field(resource, query.omit().get(i),
                    JsonPaths.index(JsonPaths.child(path, "omit"), i)).name());
        }
        List<FieldSchema> fields = new ArrayList<>();
        for (FieldSchema f : resource.fields()) {
            if (wanted.contains(f.name())) {
                fields.add(f);
            }
        }
        List<Expansion> expansions = new ArrayList<>();
        related.forEach((name, targetFields) -> expansions.add(
                expansion(resource, name, targetFields, relatedPaths.get(name))));
        return new Selection(fields, expansions);
    }

    private Expansion expansion(ResourceSchema resource, String name, Set<String> targetFields, String path) {
        RelationSchema relation = resource.relation(name).orElseThrow(() -> new DataFnException(
                ErrorCode.DFQL_UNKNOWN_RELATION, "resource '" + resource.name() + "' has no relation '" + name + "'",
                path));
        ResourceSchema target = schema.resource(relation.target()).orElseThrow();
        access.requireRead(resource, relation, target, path);
        for (String f : targetFields) {
            if (!f.equals("*")) {
                access.requireRead(target, QueryPlanner.field(target, f, path), path);
            }
        }
        List<FieldSchema> fields = new ArrayList<>();
        for (FieldSchema f : access.readableFields(target)) {
            if (targetFields.contains("*") || targetFields.contains(f.name()) || QueryPlanner.isId(f)) {
                fields.add(f);
            }
        }
        return new Expansion(relation, target, fields);
    }

    /** Every field the caller may read: what a query without {@code select}, or with {@code "*"}, returns. */
    private Set<String> allFields(ResourceSchema resource) {
        Set<String> all = new LinkedHashSet<>();
        access.readableFields(resource).forEach(f -> all.add(f.name()));
        return all;
    }
}
