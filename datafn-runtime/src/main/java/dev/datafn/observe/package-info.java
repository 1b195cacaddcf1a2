/**
 * Health and metrics of a served engine for Helidon observe: {@link dev.datafn.observe.DataFnObserve}.
 */
package dev.datafn.observe;
