/** The engine's settings from seed 000 that every layer reads: request limits and record retention. */
package dev.datafn.config;
