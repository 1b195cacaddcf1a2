/** DFQL: JSON is parsed into the AST, checked against the schema into a plan, and the plan is executed. */
package dev.datafn.query;
