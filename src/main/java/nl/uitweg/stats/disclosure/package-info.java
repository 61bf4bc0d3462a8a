/**
 * Statistical disclosure control: which counts of one period may be published, so that no
 * count between 1 and k-1 is shown and none can be recomputed from the others. Pure Java,
 * no Spring and no I/O; internal to the {@code stats} module.
 */
@NullMarked
package nl.uitweg.stats.disclosure;

import org.jspecify.annotations.NullMarked;
