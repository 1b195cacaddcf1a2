package dev.datafn.example.todo;

import dev.datafn.annotations.Field;
import dev.datafn.annotations.Id;
import dev.datafn.annotations.Policy;
import dev.datafn.annotations.Resource;
import dev.datafn.annotations.SearchAnalyzer;

/**
 * A project todos belong to. Every caller reads projects; only callers whose token carries the {@code admin}
 * claim create, change or delete them.
 *
 * @param id       the id, {@code pj_...}
 * @param name     the name, unique; searched with English stems ("Running club" is found by "run")
 * @param color    a display color
 * @param archived whether it is archived
 */
@Resource(name = "projects", version = 1, idPrefix = "pj")
@Policy(read = "anyone", write = "claim:admin")
public record Project(
        @Id String id,
        @Field(required = true, unique = true, searchable = true, analyzer = SearchAnalyzer.ENGLISH) String name,
        String color,
        @Field(defaultValue = "false") boolean archived) {
}
