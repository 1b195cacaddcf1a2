/** What generated repositories forward to: typed calls over a {@link dev.datafn.Scope}. Only generated code should use it. */
package dev.datafn.repository;
