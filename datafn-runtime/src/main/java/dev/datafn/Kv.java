package dev.datafn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.schema.BuiltInResources;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in key-value resource {@code kv} of one namespace, typed: each call is the query or mutation a
 * client would send to {@code /datafn/query} or {@code /datafn/mutation}, so writes go through the same
 * validation, plugins, change log and serverSeq, and are pulled by sync clients like any record.
 *
 * <pre>{@code
 * Kv kv = datafn.kv(Namespace.user("42"), "42");
 * kv.set("theme", "dark");
 * kv.get("theme");                      // Optional[TextNode "dark"]
 * kv.get("limits", Limits.class);      // the JSON read as a Limits record
 * kv.delete("theme");                   // true; false when there was no such key
 * }</pre>
 *
 * <p>A value is any JSON value but {@code null}: an absent key and a stored value are never confused.
 */
public final class Kv {

    private final Scope scope;

    private Kv(Scope scope) {
        this.scope = scope;
    }

    /**
     * @param scope the namespace and actor to read and write as, e.g. {@link DataFn#in} or the
     *              {@link Transaction} of {@link DataFn#transact(dev.datafn.schema.Namespace, String, java.util.function.Function)},
     *              so key-value writes commit with the transaction's other writes
     * @return the key-value resource of the scope's namespace
     */
    public static Kv in(Scope scope) {
        return new Kv(Objects.requireNonNull(scope, "scope"));
    }

    /**
     * @param key a key
     * @return its value, or empty when the namespace has no such key
     * @throws DataFnException when the caller may not read the resource
     */
    public Optional<JsonNode> get(String key) {
        Objects.requireNonNull(key, "key");
        ObjectNode query = request();
        query.putObject("filters").put("id", key);
        query.put("limit", 1);
        List<ObjectNode> found = scope.query(query).data();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).get(BuiltInResources.KV_VALUE));
    }

    /**
     * @param key  a key
     * @param type the Java type to read the value as, with Jackson's data binding (a record, a {@code Map},
     *             {@code String}, {@code Integer}, ...)
     * @param <T>  the type
     * @return its value as that type, or empty when the namespace has no such key
     * @throws IllegalArgumentException when the stored JSON does not bind to the type
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return get(key).map(json -> {
            try {
                return Json.MAPPER.treeToValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the value of key '" + key + "' is not a " + type.getName()
                        + ": " + e.getOriginalMessage(), e);
            }
        });
    }

    /**
     * Stores a value under a key, inserting or replacing it (an {@code upsert}).
     *
     * @param key   a key: the ordinary id rules apply (at most {@code maxIdLength} characters, ...)
     * @param value a {@link JsonNode}, or any object Jackson writes as JSON (a record, a {@code Map}, a
     *              {@code String}, a number, a boolean); not {@code null}: to remove a key, {@link #delete} it
     * @throws DataFnException when the key or value is refused, or the caller may not write the resource
     */
    public void set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value: a key-value entry cannot hold null; delete the key instead");
        JsonNode json = value instanceof JsonNode node ? node : Json.MAPPER.valueToTree(value);
        ObjectNode mutation = request();
        mutation.put("operation", "upsert");
        mutation.put("id", key);
        mutation.putObject("record").set(BuiltInResources.KV_VALUE, json);
        scope.mutate(mutation);
    }

    /**
     * Removes a key.
     *
     * @param key a key
     * @return whether the namespace had the key
     * @throws DataFnException when the caller may not write the resource
     */
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        ObjectNode mutation = request();
        mutation.put("operation", "delete");
        mutation.put("id", key);
        try {
            scope.mutate(mutation);
            return true;
        } catch (DataFnException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static ObjectNode request() {
        ObjectNode request = Json.object();
        request.put("resource", BuiltInResources.KV);
        request.put("version", BuiltInResources.KV_RESOURCE.version());
        return request;
    }
}
