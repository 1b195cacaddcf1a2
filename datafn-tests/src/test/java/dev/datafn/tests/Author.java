package dev.datafn.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.annotations.Field;
import dev.datafn.annotations.Id;
import dev.datafn.annotations.Relation;
import dev.datafn.annotations.Resource;
import java.util.List;

/**
 * Fixture: an author, with the one-many side of the book relation, an enum and a JSON field.
 *
 * @param id       the id
 * @param name     the name
 * @param favorite a favourite genre
 * @param profile  free-form JSON
 * @param books    the author's books (the inverse of {@link Book#authorId()}; not stored)
 */
@Resource(name = "authors", version = 1, idPrefix = "au")
public record Author(
        @Id String id,
        @Field(required = true) String name,
        Genre favorite,
        JsonNode profile,
        @Relation(to = Book.class, kind = Relation.Kind.ONE_MANY, inverse = "author") List<String> books) {
}
