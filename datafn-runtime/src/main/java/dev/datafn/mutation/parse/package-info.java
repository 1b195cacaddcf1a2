/** Mutation JSON to the {@link dev.datafn.mutation.Mutation} value, with the JSON path of every part for errors. */
package dev.datafn.mutation.parse;
