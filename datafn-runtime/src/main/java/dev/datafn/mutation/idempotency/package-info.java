/** The idempotency records that make a retried mutation (same clientId and mutationId) answer its stored result. */
package dev.datafn.mutation.idempotency;
