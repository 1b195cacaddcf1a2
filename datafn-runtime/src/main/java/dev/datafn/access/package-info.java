/**
 * Permissions: what one caller may read and write, from the resources' {@link
 * dev.datafn.schema.ResourcePolicy policies}, enforced by every surface of the engine that reads or writes
 * on a caller's behalf.
 */
package dev.datafn.access;
