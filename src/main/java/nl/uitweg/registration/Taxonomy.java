package nl.uitweg.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registration fields and their codes, after the questionnaire of the report (Bijlage
 * J), with Dutch and English labels. The single source for validation and for every
 * client. Every field also allows {@code UNKNOWN}.
 */
public final class Taxonomy {

	public static final String UNKNOWN = "UNKNOWN";

	/** One field of the registration. */
	public record Field(String name, boolean multi, String nl, String en, Map<String, Label> codes,
			Optional<String> onlyWith) {

		public boolean allows(String code) {
			return this.codes.containsKey(code);
		}

	}

	/** A code's labels. */
	public record Label(String nl, String en) {
	}

	private static final List<Field> FIELDS = List.of(
			single("contactRole", "Wie neemt contact op", "Who is in contact",
					codes("VICTIM_SELF", "Slachtoffer zelf", "The victim", "PEER", "Vriend of vriendin", "A friend",
							"FAMILY", "Ouder of familielid", "Parent or relative", "PROFESSIONAL", "Professional",
							"Professional", "OTHER", "Anders", "Other")),
			multi("forcedCrimeForms", "Vormen van gedwongen criminaliteit", "Forms of forced crime", codes("DRUGS",
					"Vervaardigen, uithalen, vervoeren of verhandelen van drugs",
					"Producing, retrieving, moving or dealing drugs", "THEFT", "Diefstal, inbreken, zakkenrollen",
					"Theft, burglary, pickpocketing", "ROBBERY", "Overvallen plegen", "Robbery", "MONEY_MULE",
					"Geld witwassen / geldezel", "Money laundering / money mule", "FRONT_PERSON",
					"Katvanger (voertuig, bedrijf of contract)", "Front person (vehicle, company or contract)",
					"CREDIT_PURCHASE", "Product op afbetaling kopen / telefoonabonnementen",
					"Buying on credit / phone contracts", "RECRUITING_FOR_PROSTITUTION", "Ronselen voor de prostitutie",
					"Recruiting for prostitution", "BEGGING", "Bedelen", "Begging", "OTHER", "Anders", "Other")),
			multi("recruitmentLocations", "Waar geronseld", "Where recruited",
					codes("SCHOOL", "School", "School", "STREET", "Straat of openbare hangplekken",
							"Street or public hang-outs", "COMMUNITY_CENTRE", "Buurthuis", "Community centre",
							"HOSPITALITY", "Horeca, coffeeshops, shisha lounges", "Bars, coffeeshops, shisha lounges",
							"CARE_INSTITUTION", "Zorginstelling, begeleid wonen", "Care institution, supported housing",
							"SPORTS_CLUB", "Sportclub", "Sports club", "ASYLUM_CENTRE", "Azc", "Asylum seekers' centre",
							"ONLINE", "Online (Instagram, Snapchat, TikTok, games)",
							"Online (Instagram, Snapchat, TikTok, games)", "OTHER", "Anders", "Other")),
			new Field("schoolType", true, "Soort school", "Type of school",
					codes("PRIMARY", "Basisschool", "Primary school", "PRACTICAL", "Praktijkonderwijs",
							"Practical education", "SECONDARY", "Vmbo, havo of vwo", "Secondary school", "MBO", "Mbo",
							"Vocational (mbo)", "HBO_UNIVERSITY", "Hbo of universiteit", "Higher education", "OTHER",
							"Anders", "Other"),
					Optional.of("SCHOOL")),
			multi("coercionMeans", "Dwangmiddelen", "Means of coercion",
					codes("VIOLENCE", "(Dreiging met) fysiek geweld, ook tegen familie of vrienden",
							"(Threat of) violence, also against family or friends", "SEXTORTION",
							"Chantage met naaktbeelden", "Blackmail with nude images", "DEBT", "Chantage met schulden",
							"Blackmail with debts", "THREAT_TO_REPORT", "Dreigen de politie over feiten te vertellen",
							"Threat to tell the police", "EVICTION", "Dreigen uit huis te zetten", "Threat of eviction",
							"ILLEGAL_STAY", "Dreigen aan te geven wegens illegaal verblijf",
							"Threat to report illegal stay", "YOUNG_AGE", "Misbruik van jonge leeftijd",
							"Abuse of young age", "INTELLECTUAL_DISABILITY",
							"Misbruik van licht verstandelijke beperking", "Abuse of intellectual disability", "OTHER",
							"Anders (bijvoorbeeld verslaving)", "Other (for example addiction)")),
			single("alsoSexualExploitation", "Ook seksuele uitbuiting", "Also sexual exploitation", yesNo()),
			single("selfIdentifiesAsVictim", "Ziet zichzelf als slachtoffer", "Sees themselves as a victim",
					codes("YES", "Ja", "Yes", "PARTLY", "Deels", "Partly", "NO", "Nee", "No")),
			single("gender", "Gender (van de betrokkene)", "Gender (of the person concerned)",
					codes("MALE", "Man", "Male", "FEMALE", "Vrouw", "Female", "OTHER", "Anders", "Other")),
			single("ageGroup", "Leeftijd (van de betrokkene)", "Age (of the person concerned)",
					codes("UNDER_13", "12 of jonger", "12 or younger", "AGE_13_17", "13-17", "13-17", "AGE_18_26",
							"18-26", "18-26", "AGE_27_PLUS", "27 of ouder", "27 or older")),
			single("background", "Achtergrond", "Background",
					codes("DUTCH", "In Nederland geboren en opgegroeid", "Born and raised in the Netherlands",
							"EUROPEAN", "Europees", "European", "NON_EUROPEAN", "Niet-Europees", "Non-European")),
			single("region", "Provincie", "Province",
					codes("GRONINGEN", "Groningen", "Groningen", "FRIESLAND", "Friesland", "Friesland", "DRENTHE",
							"Drenthe", "Drenthe", "OVERIJSSEL", "Overijssel", "Overijssel", "FLEVOLAND", "Flevoland",
							"Flevoland", "GELDERLAND", "Gelderland", "Gelderland", "UTRECHT", "Utrecht", "Utrecht",
							"NOORD_HOLLAND", "Noord-Holland", "North Holland", "ZUID_HOLLAND", "Zuid-Holland",
							"South Holland", "ZEELAND", "Zeeland", "Zeeland", "NOORD_BRABANT", "Noord-Brabant",
							"North Brabant", "LIMBURG", "Limburg", "Limburg")),
			single("acuteDanger", "Acuut gevaar (112 geadviseerd)", "Acute danger (112 advised)", yesNo()),
			multi("referrals", "Doorverwezen naar", "Referred to",
					codes("POLICE", "Politie (incl. AVIM)", "Police (incl. AVIM)", "VEILIG_THUIS", "Veilig Thuis",
							"Veilig Thuis", "CARE_PROVIDER", "Zorgaanbieder", "Care provider", "MUNICIPALITY",
							"Gemeente (aandachtsfunctionaris mensenhandel)", "Municipality (trafficking officer)",
							"NGO_EXPERTISE", "Kennisinstituut of ngo", "Expertise centre or NGO", "LEGAL_AID",
							"Juridische hulp", "Legal aid", "NONE", "Niet doorverwezen", "Not referred")));

	private Taxonomy() {
	}

	/**
	 * The fields, with the entry channel's codes taken from the known campaigns (code to
	 * label, retired ones included: older registrations and figures still name them).
	 */
	public static List<Field> fields(Map<String, String> campaigns) {
		Map<String, Label> channels = new LinkedHashMap<>();
		campaigns.forEach((code, label) -> channels.put(code, new Label(label, label)));
		channels.put("DIRECT", new Label("Direct (zonder campagne)", "Direct (no campaign)"));
		channels.put(UNKNOWN, unknown());
		var all = new java.util.ArrayList<>(FIELDS);
		all.add(new Field("entryChannel", false, "Binnengekomen via", "Came in through",
				java.util.Collections.unmodifiableMap(channels), Optional.empty()));
		return List.copyOf(all);
	}

	/** The codes of one of the fixed fields (all but the entry channel). */
	public static java.util.Set<String> codesOf(String field) {
		return FIELDS.stream()
			.filter((f) -> f.name().equals(field))
			.findFirst()
			.map((f) -> f.codes().keySet())
			.orElseThrow(() -> new IllegalArgumentException("No taxonomy field " + field));
	}

	private static Field single(String name, String nl, String en, Map<String, Label> codes) {
		return new Field(name, false, nl, en, codes, Optional.empty());
	}

	private static Field multi(String name, String nl, String en, Map<String, Label> codes) {
		return new Field(name, true, nl, en, codes, Optional.empty());
	}

	private static Map<String, Label> yesNo() {
		return codes("YES", "Ja", "Yes", "NO", "Nee", "No");
	}

	/** Code, Dutch label, English label, repeated; UNKNOWN is added to every field. */
	private static Map<String, Label> codes(String... triples) {
		Map<String, Label> codes = new LinkedHashMap<>();
		for (int i = 0; i + 2 < triples.length; i += 3) {
			codes.put(triples[i], new Label(triples[i + 1], triples[i + 2]));
		}
		codes.put(UNKNOWN, unknown());
		return java.util.Collections.unmodifiableMap(codes);
	}

	private static Label unknown() {
		return new Label("Onbekend", "Unknown");
	}

}
