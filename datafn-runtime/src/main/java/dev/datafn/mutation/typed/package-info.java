/**
 * Typed mutation builders: immutable insert, merge, replace, upsert, delete and relation mutations on
 * one resource, each rendering exactly the mutation object of {@code POST /datafn/mutation}; the runtime
 * types behind the generated {@code <Record>Mutations}.
 */
package dev.datafn.mutation.typed;
