/** A small JSON reader and pretty-printer, so the processor can check default values and write schema.json without dependencies. */
package dev.datafn.processor.json;
