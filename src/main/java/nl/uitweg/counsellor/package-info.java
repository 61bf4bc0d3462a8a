@NullMarked
package nl.uitweg.counsellor;

import org.jspecify.annotations.NullMarked;
