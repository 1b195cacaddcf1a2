/** The write path: one transaction of row writes, relation links, change records and idempotency records, and the batches built on it. */
package dev.datafn.mutation.write;
