package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the fuzz cases of each endpoint: a valid request from a handful of templates, broken by a
 * {@link JsonMutator}, or one built from the schema by {@link RandomDfql}, with hostile values where
 * values belong. A case depends only on the seed it is given, never on what the server answered before,
 * so any case can be made again from its seed.
 */
final class FuzzRequests {

    /** The endpoints fuzzed, and the templates of each. */
    enum Endpoint {
        QUERY, SEARCH, MUTATION, TRANSACT, PULL, PUSH, CLONE, RECONCILE, SEED, REST
    }

    /**
     * One generated request.
     *
     * @param method the HTTP method
     * @param path   the path under the mount, with its query string encoded
     * @param body   the body, or {@code null} for none
     */
    record FuzzRequest(String method, String path, byte[] body) {

        /** @return the request as text, shortened for a report */
        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            String shown = text.length() > 600 ? text.substring(0, 600) + "... (" + text.length() + " chars)" : text;
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "..." : path) + " " + shown;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String INSERT = """
            {"resource": "todos", "version": 1, "operation": "insert", "clientId": "fz", "mutationId": "{{k}}",
             "record": {"title": "t", "completed": true, "priority": 3, "dueDate": "2026-12-24", "notes": "n",
                        "projectId": "pj_fz", "tags": ["tg_fz"]}}""";
    private static final String MERGE = """
            {"resource": "todos", "version": 1, "operation": "merge", "id": "fz1",
             "record": {"priority": 2, "notes": null}, "if": {"completed": {"eq": false}, "project.name": "Home"}}""";

    private static final Map<Endpoint, List<String>> TEMPLATES = Map.of(
            Endpoint.QUERY, List.of(
                    """
                    {"resource": "todos", "version": 1}""",
                    """
                    {"resource": "todos", "version": 1, "filters": {"completed": false, "priority": {"gte": 1, "lte": 5},
                     "title": {"like": "%a%"}}, "sort": ["priority:desc", "title:asc"], "limit": 10, "count": true,
                     "select": ["id", "title", "project.*", "tags.*"]}""",
                    """
                    {"resource": "todos", "version": 1, "filters": {"$or": [{"project.name": {"eq": "Home"}},
                     {"tags": {"contains": "tg_fz"}}, {"$not": {"dueDate": {"between": ["2026-01-01", "2026-12-31"]}}}]},
                     "omit": ["notes"], "offset": 1}""",
                    """
                    {"resource": "todos", "version": 1, "groupBy": ["completed", "projectId"],
                     "aggregations": {"n": {"fn": "count"}, "avg": {"fn": "avg", "field": "priority"},
                                      "first": {"fn": "min", "field": "createdAt"}, "d": {"fn": "countDistinct", "field": "title"}},
                     "having": {"n": {"gt": 0}, "first": {"lt": "2100-01-01T00:00:00Z"}}, "sort": ["n:desc"], "limit": 5}""",
                    """
                    {"resource": "projects", "version": 1, "filters": {"archived": false, "name": {"istartswith": "h"}},
                     "select": ["*"], "sort": ["name:asc"]}""",
                    """
                    {"resource": "tags", "version": 1, "filters": {"name": {"in": ["red", "blue"]}, "id": {"nin": ["x"]}}}""",
                    """
                    {"resource": "todos", "version": 1, "filters": {"createdAt": {"lt": "2100-01-01T00:00:00Z"},
                     "notes": {"is_null": false}}, "sort": ["createdAt:asc"], "limit": 1, "cursor": "{{cursor}}"}""",
                    """
                    [{"resource": "todos", "version": 1, "limit": 1}, {"resource": "tags", "version": 1, "count": true}]""",
                    """
                    {"resource": "todos", "version": 1, "search": {"query": "milk bread", "fields": ["title", "notes"],
                     "prefix": true, "fuzzy": 0.5, "fieldBoosts": {"title": 3}}, "filters": {"completed": false},
                     "limit": 5, "count": true, "select": ["title", "project.*"]}"""),
            Endpoint.SEARCH, List.of(
                    """
                    {"query": "milk bread", "resources": ["todos", "projects"], "limit": 10, "prefix": true,
                     "fuzzy": 0.2, "fieldBoosts": {"title": 2, "name": 1}}""",
                    """
                    {"query": "t"}""",
                    """
                    {"query": "caf\u00e9 na\u00efve \u00fcber", "resources": ["todos"], "fuzzy": true}"""),
            Endpoint.MUTATION, List.of(INSERT, MERGE,
                    """
                    {"resource": "todos", "version": 1, "operation": "replace", "id": "fz2", "record": {"title": "r", "tags": []}}""",
                    """
                    {"resource": "todos", "version": 1, "operation": "upsert", "id": "fz_{{k}}",
                     "record": {"id": "fz_{{k}}", "title": "u"}}""",
                    """
                    {"resource": "todos", "version": 1, "operation": "delete", "id": "fz_{{k}}", "if": {"title": "u"}}""",
                    """
                    {"resource": "todos", "version": 1, "operation": "relate", "id": "fz1", "relation": "tags",
                     "targetId": "tg_fz", "metadata": {"role": "owner"}}""",
                    """
                    {"resource": "todos", "version": 1, "operation": "unrelate", "id": "fz2", "relation": "project",
                     "targetId": "pj_fz"}""",
                    """
                    {"resource": "todos", "version": 1, "operation": "modifyRelation", "id": "fz1", "relation": "tags",
                     "targetId": "tg_fz", "metadata": {"x": 1}}""",
                    """
                    {"resource": "projects", "version": 1, "operation": "insert", "record": {"name": "p{{k}}", "color": "red"}}""",
                    "[" + INSERT + ", " + MERGE + "]"),
            Endpoint.TRANSACT, List.of(
                    """
                    {"transactionId": "tx{{k}}", "atomic": true, "steps": [
                      {"query": {"resource": "todos", "version": 1, "select": ["id"], "filters": {"completed": false}}},
                      {"mutation": %s}]}""".formatted(MERGE),
                    """
                    {"atomic": false, "steps": [{"mutation": %s}, {"query": {"resource": "tags", "version": 1}}]}"""
                            .formatted(INSERT)),
            Endpoint.PULL, List.of(
                    """
                    {"version": 1, "cursors": {"todos": "0", "tags": "0", "projects": "3"}, "limit": 5}""",
                    """
                    {"version": 1, "cursors": {"todos": "{{seq}}"}}"""),
            Endpoint.PUSH, List.of(
                    """
                    {"version": 1, "mutations": [%s, %s], "atomic": false}""".formatted(INSERT,
                            MERGE.replace("\"id\": \"fz1\"", "\"id\": \"fz1\", \"clientId\": \"fz\", \"mutationId\": \"m{{k}}\"")),
                    """
                    {"version": 1, "mutations": [%s], "atomic": true}""".formatted(INSERT)),
            Endpoint.CLONE, List.of(
                    """
                    {"version": 1, "tables": ["todos", "tags"]}""",
                    """
                    {"version": 1, "tables": ["projects", "todos"], "limit": 2}""",
                    """
                    {"version": 1, "tables": ["todos"], "limit": 1, "continuation": "{{continuation}}"}"""),
            Endpoint.RECONCILE, List.of(
                    """
                    {"version": 1, "counts": {"todos": 3, "tags": 1},
                     "checksums": {"todos": "0000000000000000000000000000000000000000000000000000000000000000"},
                     "cursors": {"todos": "0"}}"""),
            Endpoint.SEED, List.of(
                    """
                    {"data": {"todos": [{"id": "sd_{{k}}", "title": "s", "tags": ["tg_fz"], "dueDate": "2026-01-02"}],
                              "tags": [{"id": "tgs_{{k}}", "name": "s{{k}}"}]}}"""));

    /** The REST query parameter's template, a DFQL query without resource and version. */
    private static final String REST_QUERY = """
            {"filters": {"title": {"like": "%a%"}, "priority": {"in": [1, 2, 3]}}, "sort": ["title:asc"], "limit": 5}""";

    /** The largest body sent: a little over the default maxPayloadBytes (5 MiB). */
    private static final int MAX_BODY = 5_300_000;

    /**
     * The longest query parameter sent, before encoding: past the web server's request line limit (so
     * answered 414) yet short enough for the server to answer before the client has sent it all.
     */
    private static final int MAX_PARAMETER = 20_000;

    private final Map<String, String> placeholders;

    /** @param placeholders values of the run the templates refer to: a page cursor, a clone continuation, a seq */
    FuzzRequests(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * @param endpoint the endpoint
     * @param seed     the case's seed
     * @param key      a key unique to the case, for ids and idempotency keys
     * @return the case's request
     */
    FuzzRequest generate(Endpoint endpoint, long seed, String key) {
        FuzzRequest request = build(endpoint, new SplittableRandom(seed), key);
        if (request.body() != null && request.body().length > MAX_BODY) {
            // Cut to just past maxPayloadBytes: still refused for its size, without sending tens of megabytes.
            return new FuzzRequest(request.method(), request.path(), java.util.Arrays.copyOf(request.body(), MAX_BODY));
        }
        return request;
    }

    private FuzzRequest build(Endpoint endpoint, SplittableRandom random, String key) {
        if (endpoint == Endpoint.REST) {
            return rest(random, key);
        }
        String path = "/" + endpoint.name().toLowerCase(java.util.Locale.ROOT);
        if (random.nextInt(5) < 2) {
            JsonNode built = built(random, endpoint, key);
            if (built != null) {
                JsonNode sent = random.nextInt(5) == 0 ? JsonMutator.mutateTree(random, built) : built;
                return new FuzzRequest("POST", path, JsonMutator.write(random, sent));
            }
        }
        String template = fill(HostileValues.pick(random, TEMPLATES.get(endpoint)), key);
        return new FuzzRequest("POST", path, body(random, template));
    }

    /** A request built from the schema rather than from a template: random shape, typed hostile values. */
    private static JsonNode built(SplittableRandom random, Endpoint endpoint, String key) {
        return switch (endpoint) {
            case QUERY -> random.nextInt(5) == 0
                    ? NODES.arrayNode().add(RandomDfql.query(random)).add(RandomDfql.query(random))
                    : RandomDfql.query(random);
            case MUTATION -> random.nextInt(5) == 0
                    ? NODES.arrayNode().add(RandomDfql.mutation(random, key + "a")).add(RandomDfql.mutation(random, key + "b"))
                    : RandomDfql.mutation(random, key);
            case TRANSACT -> {
                ObjectNode t = NODES.objectNode().put("atomic", random.nextBoolean());
                ArrayNode steps = t.putArray("steps");
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    steps.add(random.nextBoolean() ? NODES.objectNode().set("query", RandomDfql.query(random))
                            : NODES.objectNode().set("mutation", RandomDfql.mutation(random, key + i)));
                }
                yield t;
            }
            case PUSH -> {
                ObjectNode push = NODES.objectNode().put("version", 1).put("atomic", random.nextBoolean());
                ArrayNode mutations = push.putArray("mutations");
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    mutations.add(RandomDfql.mutation(random, key + i));
                }
                yield push;
            }
            case SEARCH -> {
                ObjectNode search = NODES.objectNode();
                search.set("query", random.nextInt(4) == 0 ? HostileValues.any(random)
                        : NODES.textNode(HostileValues.text(random)));
                if (random.nextBoolean()) {
                    search.putArray("resources").add(HostileValues.pick(random, RandomDfql.RESOURCES));
                }
                if (random.nextInt(3) == 0) {
                    search.set(HostileValues.pick(random, List.of("limit", "prefix", "fuzzy", "fieldBoosts")),
                            HostileValues.any(random));
                }
                yield search;
            }
            case SEED -> {
                ObjectNode record = RandomDfql.record(random, "todos");
                record.put("id", random.nextInt(4) == 0 ? HostileValues.id(random) : "sd_" + key);
                ObjectNode seed = NODES.objectNode();
                seed.putObject("data").putArray(random.nextInt(5) == 0 ? "tags" : "todos").add(record);
                yield seed;
            }
            default -> null;
        };
    }

    /** A valid body mutated: mostly in its tree, sometimes in its bytes, now and then not at all. */
    private byte[] body(SplittableRandom random, String template) {
        int roll = random.nextInt(100);
        if (roll < 3) {
            return template.getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 8) {
            return JsonMutator.special(random, template);
        }
        if (roll < 45) {
            return JsonMutator.write(random, JsonMutator.replaceLeaves(random, JsonMutator.parse(template)));
        }
        JsonNode tree = JsonMutator.mutateTree(random, JsonMutator.parse(template));
        byte[] bytes = JsonMutator.write(random, tree);
        return roll < 60 ? JsonMutator.mutateBytes(random, bytes) : bytes;
    }

    private FuzzRequest rest(SplittableRandom random, String key) {
        String resource = random.nextInt(6) == 0 ? HostileValues.pick(random, HostileValues.RESOURCES) : "todos";
        String base = "/resources/" + encodePath(resource);
        String id = random.nextInt(3) == 0 ? HostileValues.id(random) : random.nextBoolean() ? "fz1" : "fz_" + key;
        String idempotency = "clientId=fz&mutationId=r" + key;
        return switch (random.nextInt(6)) {
            case 0, 1 -> {
                StringBuilder query = new StringBuilder(base).append('?');
                if (random.nextInt(5) > 0) {
                    byte[] q = switch (random.nextInt(10)) {
                        case 0 -> JsonMutator.special(random, REST_QUERY);
                        case 1, 2, 3, 4 -> {
                            ObjectNode built = RandomDfql.query(random);
                            built.remove("resource");
                            built.remove("version");
                            yield JsonMutator.write(random, built);
                        }
                        default -> JsonMutator.write(random, JsonMutator.mutateTree(random, JsonMutator.parse(REST_QUERY)));
                    };
                    query.append("q=").append(parameter(new String(q, StandardCharsets.UTF_8)));
                }
                for (String param : new String[] {"sort", "limit", "offset", "select", "filters"}) {
                    if (random.nextInt(4) == 0) {
                        query.append('&').append(param).append('=').append(parameter(HostileValues.any(random).asText()));
                    }
                }
                yield new FuzzRequest("GET", query.toString(), null);
            }
            case 2 -> new FuzzRequest("GET", base + "/" + encodePath(id), null);
            case 3 -> new FuzzRequest("POST", base, random.nextBoolean()
                    ? JsonMutator.write(random, NODES.objectNode().put("clientId", "fz").put("mutationId", "r" + key)
                            .set("record", RandomDfql.record(random, resource)))
                    : body(random, fill("""
                    {"clientId": "fz", "mutationId": "r{{k}}", "record": {"title": "rest", "priority": 1}}""", key)));
            case 4 -> new FuzzRequest(random.nextBoolean() ? "PATCH" : "PUT", base + "/" + encodePath(id) + "?"
                    + idempotency, body(random, """
                    {"record": {"title": "put", "notes": "n", "projectId": "pj_fz"}}"""));
            default -> new FuzzRequest("DELETE", base + "/" + encodePath(id) + "?" + idempotency, null);
        };
    }

    private String fill(String template, String key) {
        String out = template.replace("{{k}}", key);
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            out = out.replace("{{" + p.getKey() + "}}", p.getValue());
        }
        return out;
    }

    private static String parameter(String value) {
        String sent = value.length() > MAX_PARAMETER ? value.substring(0, MAX_PARAMETER) : value;
        return URLEncoder.encode(sent, StandardCharsets.UTF_8);
    }

    private static String encodePath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
