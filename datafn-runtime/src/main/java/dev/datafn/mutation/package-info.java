/** Mutations as values (a request, its checked form, its result); parse, prepare, write and transact build on them. */
package dev.datafn.mutation;
