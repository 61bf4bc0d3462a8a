package nl.uitweg;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capabilities stay apart: no cycles, no reaching into another module's internals.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(UitwegApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void everyCapabilityIsAModule() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString())).containsExactlyInAnyOrder(
				"platform", "visitor", "queue", "conversation", "counsellor", "presence", "registration", "opening",
				"stats", "transport", "web");
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		assertThat(new java.io.File("docs/modules/components.puml")).exists();
	}

}
