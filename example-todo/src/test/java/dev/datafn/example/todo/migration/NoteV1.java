package dev.datafn.example.todo.migration;

/**
 * Version 1 of a note.
 *
 * @param id    the id
 * @param title the title
 */
public record NoteV1(String id, String title) {
}
