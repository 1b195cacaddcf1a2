/**
 * Problems in the annotated sources: the accumulating {@code Diagnostics} report that collection and
 * validation both write to, the message catalogue, and the annotation lookups that let each error point
 * at the annotation value at fault.
 */
package dev.datafn.processor.diagnostics;
