/** Server-side plugins: code that runs before and after every query, mutation and sync phase. */
package dev.datafn.plugin;
