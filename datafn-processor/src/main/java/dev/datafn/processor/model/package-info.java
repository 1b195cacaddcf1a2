/** The immutable model of the annotated resources that validation checks and generators read. */
package dev.datafn.processor.model;
