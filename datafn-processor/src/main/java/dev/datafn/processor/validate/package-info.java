/** Checks the collected model and reports every problem as a coded, element-pointed compile error. */
package dev.datafn.processor.validate;
