/** The runtime schema: resources, fields and relations, their validation at startup and the schema hash. */
package dev.datafn.schema;
