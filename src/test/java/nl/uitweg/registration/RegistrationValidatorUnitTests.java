package nl.uitweg.registration;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated from the taxonomy itself: every code of every field is accepted and a code
 * that is not there is refused with the field named, so a new code cannot go untested.
 */
class RegistrationValidatorUnitTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Taxonomy.Field> taxonomy = Taxonomy.fields(Map.of("TIKTOK_2026", "TikTok 2026"));

	private final RegistrationValidator validator = new RegistrationValidator(this.taxonomy);

	@TestFactory
	Stream<DynamicTest> everyCodeOfEveryFieldIsAccepted() {
		return this.taxonomy.stream()
			.flatMap((field) -> field.codes()
				.keySet()
				.stream()
				.map((code) -> DynamicTest.dynamicTest(field.name() + "=" + code, () -> {
					ObjectNode body = answer(field, code);
					if (field.onlyWith().isPresent()) {
						body.putArray("recruitmentLocations").add(field.onlyWith().get());
					}
					assertThat(this.validator.validate(body)).isInstanceOf(RegistrationValidator.Result.Valid.class);
				})));
	}

	@TestFactory
	Stream<DynamicTest> aCodeThatIsNotInTheTaxonomyIsRefusedWithItsField() {
		return this.taxonomy.stream()
			.map((field) -> DynamicTest.dynamicTest(field.name(),
					() -> assertThat(this.validator.validate(answer(field, "NOT_A_CODE")))
						.isEqualTo(new RegistrationValidator.Result.Invalid(List.of(field.name())))));
	}

	@Test
	void schoolTypeOnlyWithRecruitmentAtSchool() {
		JsonNode withoutSchool = JSON.readTree("{\"schoolType\":[\"MBO\"],\"recruitmentLocations\":[\"STREET\"]}");
		assertThat(this.validator.validate(withoutSchool))
			.isEqualTo(new RegistrationValidator.Result.Invalid(List.of("schoolType")));
		JsonNode withSchool = JSON
			.readTree("{\"schoolType\":[\"MBO\"],\"recruitmentLocations\":[\"SCHOOL\",\"ONLINE\"]}");
		assertThat(this.validator.validate(withSchool)).isInstanceOf(RegistrationValidator.Result.Valid.class);
	}

	@Test
	void refusesFreeTextUnknownFieldsRepeatsAndUnknownBesideAnswers() {
		assertThat(this.validator.validate(JSON.readTree("{\"notes\":\"Jan from Tilburg\",\"gender\":\"MALE\"}")))
			.isEqualTo(new RegistrationValidator.Result.Invalid(List.of("notes")));
		assertThat(this.validator.validate(JSON.readTree("{\"referrals\":[\"POLICE\",\"POLICE\"]}")))
			.isEqualTo(new RegistrationValidator.Result.Invalid(List.of("referrals")));
		assertThat(this.validator.validate(JSON.readTree("{\"coercionMeans\":[\"DEBT\",\"UNKNOWN\"]}")))
			.isEqualTo(new RegistrationValidator.Result.Invalid(List.of("coercionMeans")));
		assertThat(this.validator.validate(JSON.readTree("{\"gender\":[\"MALE\"],\"region\":\"UTRECHT\"}")))
			.isEqualTo(new RegistrationValidator.Result.Invalid(List.of("gender")));
		assertThat(this.validator.validate(JSON.readTree("{}"))).isInstanceOf(RegistrationValidator.Result.Valid.class);
	}

	@Test
	void everyFieldHasDutchAndEnglishLabelsAndAllowsUnknown() {
		assertThat(this.taxonomy).extracting(Taxonomy.Field::name)
			.containsExactly("contactRole", "forcedCrimeForms", "recruitmentLocations", "schoolType", "coercionMeans",
					"alsoSexualExploitation", "selfIdentifiesAsVictim", "gender", "ageGroup", "background", "region",
					"acuteDanger", "referrals", "entryChannel");
		this.taxonomy.forEach((field) -> {
			assertThat(field.allows(Taxonomy.UNKNOWN)).as(field.name()).isTrue();
			field.codes().values().forEach((label) -> assertThat(label.nl()).isNotBlank());
			field.codes().values().forEach((label) -> assertThat(label.en()).isNotBlank());
		});
		assertThat(this.taxonomy.get(10).codes()).hasSize(13);
		assertThat(this.taxonomy.get(13).codes()).containsKeys("TIKTOK_2026", "DIRECT");
	}

	private static ObjectNode answer(Taxonomy.Field field, String code) {
		ObjectNode body = JSON.createObjectNode();
		if (field.multi()) {
			body.putArray(field.name()).add(code);
		}
		else {
			body.put(field.name(), code);
		}
		return body;
	}

}
