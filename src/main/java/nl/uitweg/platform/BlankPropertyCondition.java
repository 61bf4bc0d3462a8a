package nl.uitweg.platform;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a property is absent or blank: the switch between embedded and external
 * backends.
 */
abstract class BlankPropertyCondition implements Condition {

	private final String property;

	BlankPropertyCondition(String property) {
		this.property = property;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return !StringUtils.hasText(context.getEnvironment().getProperty(this.property));
	}

}
