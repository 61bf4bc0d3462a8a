/**
 * Monitoring and anonymised statistics for coordinators: live demand, demand and
 * registration figures under disclosure control, staffing advice.
 */
@NullMarked
package nl.uitweg.stats;

import org.jspecify.annotations.NullMarked;
