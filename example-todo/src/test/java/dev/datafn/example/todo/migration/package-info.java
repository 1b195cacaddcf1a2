/**
 * Two versions of one record, a note before and after it gains a field, as the annotation processor
 * would generate them: what the schema migration suite changes a database between.
 */
package dev.datafn.example.todo.migration;
