/** The DFQL abstract syntax tree: what a query says, before the schema is consulted. */
package dev.datafn.query.ast;
