package nl.uitweg.stats;

import java.util.List;

import nl.uitweg.stats.RegistrationStatistics.Field;
import nl.uitweg.stats.disclosure.CellId;
import nl.uitweg.stats.disclosure.PublishedFigures;

/**
 * A table of two dimensions over registrations, with its margins, published on top of the
 * one-way tables.
 */
record TwoWayTable(DateRange range, String table, Field rows, List<String> columns, PublishedFigures published) {

	CellId cell(String row, String column) {
		return new CellId(this.table, row, column);
	}

	CellId rowTotal(String row) {
		return new CellId(this.table, row, "*");
	}

	CellId columnTotal(String column) {
		return new CellId(this.table, "*", column);
	}

	CellId total() {
		return new CellId(this.table, "*", "*");
	}

	/** Nothing could be shown safely: every cell of this table is withheld. */
	boolean withheld() {
		return !this.published.protectable();
	}

}
