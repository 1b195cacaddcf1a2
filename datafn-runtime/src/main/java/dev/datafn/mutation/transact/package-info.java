/** {@code POST /datafn/transact}: steps of queries and mutations, atomic or each on its own. */
package dev.datafn.mutation.transact;
