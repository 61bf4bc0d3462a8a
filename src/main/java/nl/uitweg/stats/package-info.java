/**
 * Monitoring and anonymised statistics for coordinators. Every published figure goes
 * through disclosure control ({@link nl.uitweg.stats.disclosure.DisclosureControl})
 * first.
 */
@NullMarked
package nl.uitweg.stats;

import org.jspecify.annotations.NullMarked;
