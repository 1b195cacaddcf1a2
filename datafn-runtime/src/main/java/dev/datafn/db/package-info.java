/** Connecting to the database: JDBC URL, pool, Hibernate bootstrap, namespace-scoped transactions. */
package dev.datafn.db;
