package nl.uitweg.conversation;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import nl.uitweg.platform.StartupIndexes;

/**
 * The indexes the record queries need: statistics filter on the start hour, the pending
 * list on the counsellor.
 */
@Component
class RecordIndexes extends StartupIndexes {

	RecordIndexes(ReactiveMongoTemplate mongo) {
		super(mongo, ConversationRecord.class);
	}

	@Override
	protected List<Index> indexes() {
		return List.of(new Index().on("startedHour", Sort.Direction.ASC).named("startedHour"),
				new Index().on("counsellor", Sort.Direction.ASC)
					.on("answered", Sort.Direction.ASC)
					.on("startedHour", Sort.Direction.DESC)
					.named("counsellor_answered_startedHour"));
	}

}
