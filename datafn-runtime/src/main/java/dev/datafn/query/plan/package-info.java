/** DFQL checked against the schema: the plan executors run. */
package dev.datafn.query.plan;
