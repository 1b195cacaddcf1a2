package dev.datafn.tests;

/** A book's genre: the enum field of the fixtures. */
public enum Genre {
    /** Novels and stories. */
    FICTION,
    /** Science. */
    SCIENCE,
    /** History. */
    HISTORY
}
