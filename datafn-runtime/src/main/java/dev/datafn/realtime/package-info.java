/**
 * Realtime: telling a namespace's live clients that there is something to pull. Committed writes travel
 * over a {@link dev.datafn.realtime.CommitBus} to every server instance, whose live connections then hear
 * the namespace's new cursor.
 */
package dev.datafn.realtime;
