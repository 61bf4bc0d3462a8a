package nl.uitweg.platform;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when every one of the properties is absent or blank: the switch between
 * embedded and external backends.
 */
abstract class BlankPropertyCondition implements Condition {

	private final String[] properties;

	BlankPropertyCondition(String... properties) {
		this.properties = properties;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		for (String property : this.properties) {
			if (StringUtils.hasText(context.getEnvironment().getProperty(property))) {
				return false;
			}
		}
		return true;
	}

}
