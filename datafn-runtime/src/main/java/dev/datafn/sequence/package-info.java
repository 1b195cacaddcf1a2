/** The stores that issue each namespace's serverSeqs (database, Redis, key-value, chained) so that pull never skips a committed change. */
package dev.datafn.sequence;
