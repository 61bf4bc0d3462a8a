@NullMarked
package nl.uitweg.visitor;

import org.jspecify.annotations.NullMarked;
