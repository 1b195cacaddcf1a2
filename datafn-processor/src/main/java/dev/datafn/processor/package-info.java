/** The DataFn annotation processor: turns {@code @Resource} records into schema, entities, repositories and routes. */
package dev.datafn.processor;
