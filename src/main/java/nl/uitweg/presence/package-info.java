/**
 * Who is still there: heartbeats for the connections an instance holds, and sweeps that
 * act on the ones that went silent (a closed tab, a lost network, a dead instance).
 */
@NullMarked
package nl.uitweg.presence;

import org.jspecify.annotations.NullMarked;
