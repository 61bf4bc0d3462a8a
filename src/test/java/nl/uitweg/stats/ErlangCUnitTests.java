package nl.uitweg.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks the Erlang C arithmetic against the textbook formula worked out here on its own,
 * as an explicit sum in 50-digit decimals rather than by the Erlang B recursion the
 * production code uses, and against figures computed beforehand with exact fractions.
 */
class ErlangCUnitTests {

	private static final MathContext DIGITS = new MathContext(50);

	/** Below this share of late chats, 1 minus it rounds to 1 in double precision. */
	private static final double HALF_ULP_BELOW_ONE = Math.scalb(1.0, -54);

	// Reference: C(N, A) = (A^N/N! N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! N/(N-A))

	private static double waitingBySum(int agents, double erlangs) {
		BigDecimal load = new BigDecimal(erlangs);
		BigDecimal term = BigDecimal.ONE;
		BigDecimal sum = BigDecimal.ZERO;
		for (int k = 0; k < agents; k++) {
			sum = sum.add(term, DIGITS);
			term = term.multiply(load, DIGITS).divide(BigDecimal.valueOf(k + 1), DIGITS);
		}
		BigDecimal n = BigDecimal.valueOf(agents);
		BigDecimal top = term.multiply(n, DIGITS).divide(n.subtract(load, DIGITS), DIGITS);
		return top.divide(sum.add(top, DIGITS), DIGITS).doubleValue();
	}

	private static double lateShareBySum(int agents, double erlangs, double handlingSeconds, double targetSeconds) {
		return waitingBySum(agents, erlangs) * Math.exp(-(agents - erlangs) * targetSeconds / handlingSeconds);
	}

	private static double serviceLevelBySum(int agents, double erlangs, double handlingSeconds, double targetSeconds) {
		return 1.0 - lateShareBySum(agents, erlangs, handlingSeconds, targetSeconds);
	}

	@Test
	void smallCasesHaveTheExactFractions() {
		// A = 1, N = 2: (1/2 * 2) / (1 + 1 + 1) = 1/3.
		// A = 2, N = 3: (8/6 * 3) / (1 + 2 + 2 + 4) = 4/9.
		assertThat(ErlangC.probabilityOfWaiting(2, 1.0)).isCloseTo(1.0 / 3.0, within(1e-12));
		assertThat(ErlangC.probabilityOfWaiting(3, 2.0)).isCloseTo(4.0 / 9.0, within(1e-12));
		assertThat(ErlangC.averageSpeedOfAnswer(3, 2.0, 600)).isCloseTo(4.0 / 9.0 * 600, within(1e-9));
		assertThat(waitingBySum(3, 2.0)).isCloseTo(4.0 / 9.0, within(1e-15));
	}

	static Stream<Arguments> loads() {
		List<Arguments> cases = new ArrayList<>();
		for (double erlangs : new double[] { 0.05, 0.5, 1.0, 2.5, 5.0, 10.0, 17.3, 30.0, 64.0, 150.0 }) {
			for (int agents = (int) Math.floor(erlangs) + 1; agents <= Math.floor(erlangs) + 30; agents++) {
				cases.add(Arguments.of(agents, erlangs));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "N={0}, A={1}")
	@MethodSource("loads")
	void waitingServiceLevelAndSpeedOfAnswerMatchTheExplicitSum(int agents, double erlangs) {
		double waiting = waitingBySum(agents, erlangs);
		assertThat(ErlangC.probabilityOfWaiting(agents, erlangs)).isCloseTo(waiting, within(1e-9));
		assertThat(ErlangC.serviceLevel(agents, erlangs, 420, 45))
			.isCloseTo(serviceLevelBySum(agents, erlangs, 420, 45), within(1e-9));
		assertThat(ErlangC.serviceLevel(agents, erlangs, 420, 0)).isCloseTo(1.0 - waiting, within(1e-9));
		assertThat(ErlangC.averageSpeedOfAnswer(agents, erlangs, 420)).isCloseTo(waiting * 420 / (agents - erlangs),
				within(1e-9));
	}

	@Test
	void aHundredContactsPerHalfHourOfThreeMinutesNeedFourteenAgentsForEightyInTwenty() {
		// 100 per 30 minutes, 180 s each: A = 10 Erlangs. Figures computed beforehand
		// with exact fractions (Python's Fraction) for C, so independent of both sides.
		ErlangC model = new ErlangC(0.80, Duration.ofSeconds(20), 1);
		assertThat(ErlangC.offeredLoad(200, 180)).isCloseTo(10.0, within(1e-12));
		double[][] byAgents = { { 11, 0.6821182046893324, 0.3896138117291533, 122.78127684407983 },
				{ 12, 0.44938822429827086, 0.6401580403740066, 40.44494018684438 },
				{ 13, 0.28527045303649295, 0.7955947884177831, 17.11622718218958 },
				{ 14, 0.17413193359504983, 0.8883500191794669, 7.835937011777243 },
				{ 15, 0.10204236700798801, 0.9414528428690223, 3.6735252122875686 } };
		for (double[] row : byAgents) {
			int agents = (int) row[0];
			assertThat(waitingBySum(agents, 10.0)).isCloseTo(row[1], within(1e-12));
			assertThat(ErlangC.probabilityOfWaiting(agents, 10.0)).isCloseTo(row[1], within(1e-9));
			assertThat(ErlangC.serviceLevel(agents, 10.0, 180, 20)).isCloseTo(row[2], within(1e-9));
			assertThat(ErlangC.averageSpeedOfAnswer(agents, 10.0, 180)).isCloseTo(row[3], within(1e-9));
		}
		// 13 agents give 79.56 %, just short; 14 give 88.84 %.
		StaffingAdvice advice = model.advise(0, 200, 180);
		assertThat(advice.offeredErlangs()).isCloseTo(10.0, within(1e-12));
		assertThat(advice.agentsNeeded()).isEqualTo(14);
		assertThat(advice.counsellorsNeeded()).isEqualTo(14);
		assertThat(advice.serviceLevel()).isCloseTo(0.8883500191794669, within(1e-9));
		assertThat(advice.probabilityOfWaiting()).isCloseTo(0.17413193359504983, within(1e-9));
		assertThat(advice.averageSpeedOfAnswerSeconds()).isCloseTo(7.835937011777243, within(1e-9));
		assertThat(advice.targetMet()).isTrue();
	}

	@Test
	void aCounsellorWithSeveralChatsCountsAsThatManyAgentsRoundedUp() {
		assertThat(new ErlangC(0.80, Duration.ofSeconds(20), 2).advise(0, 200, 180).counsellorsNeeded()).isEqualTo(7);
		assertThat(new ErlangC(0.80, Duration.ofSeconds(20), 3).advise(0, 200, 180).counsellorsNeeded()).isEqualTo(5);
		assertThat(new ErlangC(0.80, Duration.ofSeconds(20), 14).advise(0, 200, 180).counsellorsNeeded()).isOne();
		assertThat(new ErlangC(0.80, Duration.ofSeconds(20), 3).advise(0, 200, 180).agentsNeeded()).isEqualTo(14);
	}

	static Stream<Arguments> demands() {
		List<Arguments> cases = new ArrayList<>();
		double[][] targets = { { 0.5, 30 }, { 0.8, 60 }, { 0.9, 20 }, { 0.95, 120 }, { 0.99, 0 } };
		for (double arrivals : new double[] { 0.5, 1, 3, 7.5, 12, 40, 100, 250 }) {
			for (double handling : new double[] { 60, 300, 900, 1800, 2700 }) {
				for (double[] target : targets) {
					cases.add(Arguments.of(arrivals, handling, target[0], (int) target[1]));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}/h of {1} s, {2} within {3} s")
	@MethodSource("demands")
	void advisesTheFewestAgentsThatMeetTheTarget(double arrivals, double handling, double share, int within) {
		StaffingAdvice advice = new ErlangC(share, Duration.ofSeconds(within), 1).advise(5, arrivals, handling);
		assertFewestAgents(advice, arrivals * handling / 3600, handling, share, within);
	}

	@Property(tries = 300)
	void advisesTheFewestAgentsForAnyDemand(@ForAll @DoubleRange(min = 0.01, max = 300) double arrivals,
			@ForAll @DoubleRange(min = 1, max = 3600) double handling,
			@ForAll @DoubleRange(min = 0.01, max = 0.99) double share,
			@ForAll @IntRange(min = 0, max = 300) int within) {
		StaffingAdvice advice = new ErlangC(share, Duration.ofSeconds(within), 1).advise(100, arrivals, handling);
		assertFewestAgents(advice, arrivals * handling / 3600, handling, share, within);
	}

	private static void assertFewestAgents(StaffingAdvice advice, double erlangs, double handling, double share,
			int within) {
		int agents = advice.agentsNeeded();
		assertThat(advice.offeredErlangs()).isCloseTo(erlangs, within(1e-9));
		assertThat(advice.targetMet()).isTrue();
		assertThat((double) agents).isGreaterThan(erlangs);
		assertThat(serviceLevelBySum(agents, erlangs, handling, within)).isGreaterThanOrEqualTo(share);
		assertThat(advice.serviceLevel()).isCloseTo(serviceLevelBySum(agents, erlangs, handling, within), within(1e-9));
		assertThat(advice.averageSpeedOfAnswerSeconds())
			.isCloseTo(waitingBySum(agents, erlangs) * handling / (agents - erlangs), within(1e-9));
		if (agents - 1 > erlangs) {
			assertThat(serviceLevelBySum(agents - 1, erlangs, handling, within)).isLessThan(share);
		}
	}

	@Test
	void noArrivalsNeedNobody() {
		StaffingAdvice advice = new ErlangC(0.8, Duration.ofSeconds(60), 2).advise(167, 0, 600);
		assertThat(advice).isEqualTo(new StaffingAdvice(167, 0, 600, 0, 0, 0, 1.0, 0.0, 0.0, true));
	}

	@Test
	void arrivalsThatTakeNoTimeNeedOneAgentWhoAnswersAtOnce() {
		for (Duration within : List.of(Duration.ZERO, Duration.ofSeconds(60))) {
			StaffingAdvice advice = new ErlangC(0.8, within, 3).advise(0, 50, 0);
			assertThat(advice).isEqualTo(new StaffingAdvice(0, 50, 0, 0, 1, 1, 1.0, 0.0, 0.0, true));
		}
	}

	@Test
	void aTargetOfNothingAsksOnlyForAQueueThatDoesNotGrowWithoutBound() {
		assertThat(new ErlangC(0, Duration.ofSeconds(20), 1).advise(0, 200, 180).agentsNeeded()).isEqualTo(11);
		assertThat(new ErlangC(0, Duration.ofSeconds(20), 1).advise(0, 210, 180).agentsNeeded()).isEqualTo(11);
		assertThat(new ErlangC(0, Duration.ZERO, 1).advise(0, 1, 60).agentsNeeded()).isOne();
	}

	@Test
	void aTargetOfEverythingStopsWhereTheLateShareIsBelowDoublePrecision() {
		// Late share C(N, 10) e^(-(N-10) 20/180): 2.50e-16 at 43 agents, 5.06e-17 at 44.
		StaffingAdvice advice = new ErlangC(1.0, Duration.ofSeconds(20), 1).advise(0, 200, 180);
		assertThat(advice.agentsNeeded()).isEqualTo(44);
		assertThat(advice.serviceLevel()).isEqualTo(1.0);
		assertThat(lateShareBySum(44, 10.0, 180, 20)).isLessThanOrEqualTo(HALF_ULP_BELOW_ONE);
		assertThat(lateShareBySum(43, 10.0, 180, 20)).isGreaterThan(HALF_ULP_BELOW_ONE);
	}

	@Test
	void aHighLoadIsStillExact() {
		// 60,000 an hour of 300 s: 5,000 Erlangs.
		StaffingAdvice advice = new ErlangC(0.8, Duration.ofSeconds(20), 1).advise(0, 60_000, 300);
		assertFewestAgents(advice, 5000.0, 300, 0.8, 20);
	}

	@Test
	void aLoadBeyondTheCapIsAdvisedTheCapWithTheTargetMissed() {
		StaffingAdvice unstable = new ErlangC(0.8, Duration.ofSeconds(20), 2).advise(0, 1_000_000, 3600);
		assertThat(unstable.agentsNeeded()).isEqualTo(ErlangC.MAX_AGENTS);
		assertThat(unstable.counsellorsNeeded()).isEqualTo(5000);
		assertThat(unstable.targetMet()).isFalse();
		assertThat(unstable.serviceLevel()).isZero();
		assertThat(unstable.probabilityOfWaiting()).isOne();
		assertThat(unstable.averageSpeedOfAnswerSeconds()).isInfinite();

		// 9,990 Erlangs would need more than 10,000 agents for 80 % within 20 s.
		StaffingAdvice beyond = new ErlangC(0.8, Duration.ofSeconds(20), 1).advise(0, 119_880, 300);
		assertThat(beyond.agentsNeeded()).isEqualTo(ErlangC.MAX_AGENTS);
		assertThat(beyond.targetMet()).isFalse();
		assertThat(beyond.serviceLevel()).isBetween(0.0, 0.8);
		assertThat(beyond.serviceLevel()).isCloseTo(serviceLevelBySum(ErlangC.MAX_AGENTS, 9990.0, 300, 20),
				within(1e-9));
	}

	@Test
	void tooFewAgentsNeverCatchUp() {
		assertThat(ErlangC.probabilityOfWaiting(10, 10.0)).isOne();
		assertThat(ErlangC.serviceLevel(9, 10.0, 180, 20)).isZero();
		assertThat(ErlangC.averageSpeedOfAnswer(10, 10.0, 180)).isInfinite();
	}

	@Test
	void refusesImpossibleInputs() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ErlangC(1.01, Duration.ofSeconds(20), 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new ErlangC(Double.NaN, Duration.ofSeconds(20), 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new ErlangC(0.8, Duration.ofSeconds(-1), 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new ErlangC(0.8, Duration.ofSeconds(20), 0));
		ErlangC model = new ErlangC(0.8, Duration.ofSeconds(20), 1);
		assertThatIllegalArgumentException().isThrownBy(() -> model.advise(0, -1, 180));
		assertThatIllegalArgumentException().isThrownBy(() -> model.advise(0, Double.POSITIVE_INFINITY, 180));
		assertThatIllegalArgumentException().isThrownBy(() -> model.advise(0, 10, Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> model.advise(168, 10, 180));
		assertThatIllegalArgumentException().isThrownBy(() -> model.advise(-1, 10, 180));
	}

}
