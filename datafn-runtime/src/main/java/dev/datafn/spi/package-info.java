/** What users and generated code implement to extend the runtime. */
package dev.datafn.spi;
