/** Query plans and entity access over Hibernate ORM, with bound parameters only. */
package dev.datafn.db.hibernate;
