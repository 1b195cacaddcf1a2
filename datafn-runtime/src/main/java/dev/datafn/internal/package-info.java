/** Support only generated code calls; not a public API and free to change. */
package dev.datafn.internal;
