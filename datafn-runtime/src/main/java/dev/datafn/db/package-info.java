/** The database: pool, Hibernate bootstrap, namespace-bound sessions, row access, and every read of a query plan. */
package dev.datafn.db;
