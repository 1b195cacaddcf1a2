/** The change log, the only code that reads and writes its tables: every applied change with its namespace's serverSeq, and how far it was pruned. */
package dev.datafn.changelog;
