@NullMarked
package nl.uitweg.queue;

import org.jspecify.annotations.NullMarked;
