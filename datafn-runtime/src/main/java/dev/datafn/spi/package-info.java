/** What an application implements to decide, per HTTP request, its namespace and actor and whether it may proceed. */
package dev.datafn.spi;
