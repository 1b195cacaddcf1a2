/** The row of the built-in key-value resource {@code kv}: its record and the entity of table {@code datafn_kv}. */
package dev.datafn.kv;
