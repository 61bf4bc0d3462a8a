package nl.uitweg.registration;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import nl.uitweg.platform.StartupIndexes;

/** Every count of {@link RegistrationFigures} filters on the start hour. */
@Component
class RegistrationIndexes extends StartupIndexes {

	RegistrationIndexes(ReactiveMongoTemplate mongo) {
		super(mongo, Registration.class);
	}

	@Override
	protected List<Index> indexes() {
		return List.of(new Index().on("startedHour", Sort.Direction.ASC).named("startedHour"));
	}

}
