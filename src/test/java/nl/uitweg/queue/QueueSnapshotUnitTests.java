package nl.uitweg.queue;

import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import nl.uitweg.conversation.Intake;
import nl.uitweg.platform.RedisKeys;

import static org.assertj.core.api.Assertions.assertThat;

class QueueSnapshotUnitTests {

	@Test
	void estimatesARoughWaitInHalfMinutesFromTheServiceRate() {
		QueueSnapshot snapshot = new QueueSnapshot(Map.of(), 3, 10, 45.0);
		assertThat(snapshot.estimatedWaitSeconds(1)).isEqualTo(60);
		assertThat(snapshot.estimatedWaitSeconds(2)).isEqualTo(90);
		assertThat(snapshot.estimatedWaitSeconds(3)).isEqualTo(150);
	}

	@Property
	void theEstimateNeverShrinksFurtherBackInLine(@ForAll @IntRange(min = 1, max = 5000) int position,
			@ForAll @IntRange(min = 1, max = 600) int secondsPerPosition) {
		QueueSnapshot snapshot = new QueueSnapshot(Map.of(), position + 1, 0, secondsPerPosition);
		assertThat(snapshot.estimatedWaitSeconds(position + 1))
			.isGreaterThanOrEqualTo(snapshot.estimatedWaitSeconds(position));
		assertThat(snapshot.estimatedWaitSeconds(position) % 30).isZero();
	}

	@Property
	void arrivalIsRecoveredFromAnyBandIncludingTheFront(@ForAll @IntRange(min = 0, max = 2) int band) {
		long arrival = 1_764_324_000_000L;
		double score = (band == 2) ? -(double) RedisKeys.QUEUE_BAND_WIDTH + arrival
				: band * (double) RedisKeys.QUEUE_BAND_WIDTH + arrival;
		assertThat(QueueWatcher.arrival(score)).isEqualTo(arrival);
	}

	@Test
	void acuteDangerIsTheFirstBand() {
		assertThat(new Intake(null, null, true).priorityBand()).isZero();
		assertThat(new Intake("PEER", null, false).priorityBand()).isOne();
		assertThat(Intake.none().priorityBand()).isOne();
	}

}
