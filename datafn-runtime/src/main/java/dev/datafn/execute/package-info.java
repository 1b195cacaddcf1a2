/** Running plans against the database; {@code hibernate} holds the implementation. */
package dev.datafn.execute;
