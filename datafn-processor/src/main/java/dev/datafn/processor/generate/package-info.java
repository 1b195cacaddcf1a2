/** Writes the sources and resource files of a validated schema, one generator per generated role. */
package dev.datafn.processor.generate;
