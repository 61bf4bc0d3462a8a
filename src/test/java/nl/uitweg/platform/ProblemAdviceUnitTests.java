package nl.uitweg.platform;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of domain refusal answers with its status, its code and its properties. */
class ProblemAdviceUnitTests {

	@ParameterizedTest
	@CsvSource({ "INVALID, 400", "UNAUTHORIZED, 401", "FORBIDDEN, 403", "NOT_FOUND, 404", "CONFLICT, 409" })
	void answersEachKindWithItsStatusCodeAndProperties(DomainException.Kind kind, int status) {
		var response = new ProblemAdvice().refused(new Refusal(kind));

		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).satisfies((problem) -> {
			assertThat(problem.getStatus()).isEqualTo(status);
			assertThat(problem.getDetail()).isEqualTo("Refused for a test.");
			assertThat(problem.getProperties()).containsEntry("code", "test_refusal")
				.containsEntry("fields", List.of("name"));
		});
	}

	private static final class Refusal extends DomainException {

		Refusal(Kind kind) {
			super(kind, "test_refusal", "Refused for a test.");
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("fields", List.of("name"));
		}

	}

}
