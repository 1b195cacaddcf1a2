/** Mutations: parsing, validation against the schema, idempotent application with a change record. */
package dev.datafn.mutation;
