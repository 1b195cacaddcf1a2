package dev.datafn.tests;

import dev.datafn.annotations.Field;
import dev.datafn.annotations.Id;
import dev.datafn.annotations.Relation;
import dev.datafn.annotations.Resource;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Fixture: a book, with one field of every scalar type.
 *
 * @param id          the id
 * @param title       the title
 * @param authorId    the author
 * @param pages       a long
 * @param rating      a double
 * @param price       a decimal
 * @param publishedAt a date-time
 * @param genre       an enum
 * @param isbn        a string with a pattern
 */
@Resource(name = "books", version = 1, idPrefix = "bk")
public record Book(
        @Id String id,
        @Field(required = true) String title,
        @Relation(to = Author.class, name = "author") String authorId,
        Long pages,
        Double rating,
        @Field(min = 0) BigDecimal price,
        Instant publishedAt,
        Genre genre,
        @Field(pattern = "[0-9]{13}") String isbn) {
}
