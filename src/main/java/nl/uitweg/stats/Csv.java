package nl.uitweg.stats;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A CSV file as RFC 4180 has it: UTF-8, comma-separated, CRLF line ends, a header row,
 * and fields with a comma, quote or line break in double quotes (quotes doubled). Every
 * row starts with the query it answers (from, to, k, query), so a file read on its own
 * still says what it shows.
 */
final class Csv {

	private final List<String> header = new ArrayList<>();

	private final List<String> prefix;

	private final StringBuilder body = new StringBuilder();

	private final String filename;

	Csv(DateRange range, int k, String query, List<String> columns) {
		this.header.addAll(List.of("from", "to", "k", "query"));
		this.header.addAll(columns);
		this.prefix = List.of(range.from().toString(), range.to().toString(), Integer.toString(k), query);
		this.filename = "uitweg-" + query.replaceAll("[^A-Za-z0-9]+", "-") + "-" + range.from() + "-" + range.to()
				+ ".csv";
		line(this.header);
	}

	Csv row(List<String> values) {
		List<String> line = new ArrayList<>(this.prefix);
		line.addAll(values);
		line(line);
		return this;
	}

	private void line(List<String> values) {
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				this.body.append(',');
			}
			this.body.append(quoted(values.get(i)));
		}
		this.body.append("\r\n");
	}

	static String quoted(String value) {
		if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
			return '"' + value.replace("\"", "\"\"") + '"';
		}
		return value;
	}

	ResponseEntity<String> response() {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + this.filename + "\"")
			.body(this.body.toString());
	}

}
