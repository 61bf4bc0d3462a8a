package nl.uitweg.stats.disclosure;

import java.util.Comparator;

/**
 * One published figure: a cell of a table. A one-way table uses one column name for all
 * its cells; a margin or total is a cell like any other, e.g. row "total".
 *
 * @param table the table the cell belongs to, e.g. "contacts-by-region"
 * @param row the row, e.g. a field value or "total"
 * @param column the column, e.g. a field value or "total"
 */
public record CellId(String table, String row, String column) implements Comparable<CellId> {

	private static final Comparator<CellId> ORDER = Comparator.comparing(CellId::table)
		.thenComparing(CellId::row)
		.thenComparing(CellId::column);

	@Override
	public int compareTo(CellId other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return this.table + "[" + this.row + ", " + this.column + "]";
	}

}
