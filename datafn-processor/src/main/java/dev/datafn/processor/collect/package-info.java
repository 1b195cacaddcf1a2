/** Reads {@code @Resource} records and their annotations into the model, deferring types not generated yet. */
package dev.datafn.processor.collect;
