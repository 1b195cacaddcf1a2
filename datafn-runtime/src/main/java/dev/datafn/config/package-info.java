/**
 * The engine's settings from seed 000 that every layer reads (request limits and record retention) and how
 * a server reads all of its options from Helidon Config under {@code datafn.*}, checked at startup.
 */
package dev.datafn.config;
