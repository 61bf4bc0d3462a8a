@NullMarked
package nl.uitweg.transport;

import org.jspecify.annotations.NullMarked;
