@NullMarked
package nl.uitweg.conversation;

import org.jspecify.annotations.NullMarked;
