/**
 * The web pages: the visitor chat at {@code /} (Boot's welcome page and static resources)
 * and the staff pages at {@code /counsellor} and {@code /coordinator}.
 */
@NullMarked
package nl.uitweg.web;

import org.jspecify.annotations.NullMarked;
