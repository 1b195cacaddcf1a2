/** The annotations that declare DataFn resources on plain Java records. */
package dev.datafn.annotations;
