/** DFQL JSON to AST, checking shape and sizes and remembering each node's JSON path. */
package dev.datafn.query.parse;
