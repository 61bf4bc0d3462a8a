@NullMarked
package nl.uitweg.platform;

import org.jspecify.annotations.NullMarked;
