package dev.datafn.kv;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of the built-in key-value resource {@code kv}, as a record: the resource's record class,
 * as an annotated record is for a resource of the application's own.
 *
 * @param id    the key, the record's id (the ordinary id rules apply)
 * @param value the value, any JSON value but {@code null}
 */
public record KvEntry(String id, JsonNode value) {
}
