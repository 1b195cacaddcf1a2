/** A mutation checked against the schema before any database work: ids, values, constraints, its request hash. */
package dev.datafn.mutation.prepare;
