package nl.uitweg.stats.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A linear constraint between published cells: {@code total = parts[0] + ... + parts[n]}.
 * Parts are kept sorted so that two constraints with the same members are equal.
 */
record Sum(CellId total, List<CellId> parts) implements Comparable<Sum> {

	private static final Comparator<Sum> ORDER = Comparator.comparing(Sum::total).thenComparing(Sum::compareParts);

	Sum {
		if (parts.isEmpty()) {
			throw new IllegalArgumentException("A sum needs at least one part: " + total);
		}
		List<CellId> sorted = new ArrayList<>(parts);
		sorted.sort(null);
		for (int i = 0; i < sorted.size(); i++) {
			if (sorted.get(i).equals(total) || (i > 0 && sorted.get(i).equals(sorted.get(i - 1)))) {
				throw new IllegalArgumentException(
						"A cell appears twice in the sum for " + total + ": " + sorted.get(i));
			}
		}
		parts = List.copyOf(sorted);
	}

	/** The total and the parts: every cell a reader could solve this constraint for. */
	List<CellId> members() {
		List<CellId> members = new ArrayList<>(this.parts.size() + 1);
		members.add(this.total);
		members.addAll(this.parts);
		return members;
	}

	@Override
	public int compareTo(Sum other) {
		return ORDER.compare(this, other);
	}

	private int compareParts(Sum other) {
		for (int i = 0; i < Math.min(this.parts.size(), other.parts.size()); i++) {
			int byCell = this.parts.get(i).compareTo(other.parts.get(i));
			if (byCell != 0) {
				return byCell;
			}
		}
		return Integer.compare(this.parts.size(), other.parts.size());
	}

	@Override
	public String toString() {
		return this.total + " = " + String.join(" + ", this.parts.stream().map(CellId::toString).toList());
	}

}
