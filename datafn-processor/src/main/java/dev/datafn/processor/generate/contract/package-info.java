/**
 * The machine-readable contracts of a compilation's schema, rendered from the validated model: OpenAPI 3.1,
 * JSON Schema and Frictionless Table Schema per resource, and TypeScript declarations.
 */
package dev.datafn.processor.generate.contract;
