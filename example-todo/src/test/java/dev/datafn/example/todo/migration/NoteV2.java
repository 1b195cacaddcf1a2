package dev.datafn.example.todo.migration;

/**
 * Version 2 of a note: version 1 plus whether it is pinned.
 *
 * @param id    the id
 * @param title the title
 * @param pinned whether it stays on top; absent on notes written before the field existed
 */
public record NoteV2(String id, String title, Boolean pinned) {
}
