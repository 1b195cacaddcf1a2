/** Offline-first sync: clone, pull, push, reconcile and seed, over the change log and the write path. */
package dev.datafn.sync;
