/** The change log: every applied change with its namespace's gap-free serverSeq. */
package dev.datafn.changelog;
