package dev.datafn.example.todo;

import dev.datafn.annotations.Field;
import dev.datafn.annotations.Id;
import dev.datafn.annotations.Policy;
import dev.datafn.annotations.Resource;

/**
 * A tag todos carry.
 *
 * @param id   the id, {@code tg_...}
 * @param name the name, unique
 */
@Resource(name = "tags", version = 1, idPrefix = "tg")
@Policy(read = "anyone", write = "anyone")
public record Tag(@Id String id, @Field(required = true, unique = true) String name) {
}
