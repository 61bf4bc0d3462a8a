@NullMarked
package nl.uitweg;

import org.jspecify.annotations.NullMarked;
