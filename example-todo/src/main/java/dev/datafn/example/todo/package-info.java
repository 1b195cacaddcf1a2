/** The example application: todos, projects and tags served over the DataFn protocol. */
package dev.datafn.example.todo;
