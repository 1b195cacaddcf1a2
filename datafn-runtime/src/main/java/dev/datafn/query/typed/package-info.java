/** The runtime field and relation types the generated {@code <Record>Fields} and typed builders are made of. */
package dev.datafn.query.typed;
