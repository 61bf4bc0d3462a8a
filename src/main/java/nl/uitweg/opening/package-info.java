/** When the helpline is open: a weekly schedule with exceptions, kept by coordinators. */
@NullMarked
package nl.uitweg.opening;

import org.jspecify.annotations.NullMarked;
