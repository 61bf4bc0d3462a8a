/**
 * The coded, anonymised record of a conversation, filled in by the counsellor afterwards,
 * and the taxonomy its codes come from.
 */
@NullMarked
package nl.uitweg.registration;

import org.jspecify.annotations.NullMarked;
