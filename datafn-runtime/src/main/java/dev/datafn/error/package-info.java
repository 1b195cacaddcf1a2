/** The errors DataFn answers with: one table of codes and HTTP statuses, and the exception that carries a code and a JSON path. */
package dev.datafn.error;
