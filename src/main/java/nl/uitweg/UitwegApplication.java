package nl.uitweg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Uitweg: anonymous chat helpline for young people caught in criminal exploitation.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UitwegApplication {

	public static void main(String[] args) {
		SpringApplication.run(UitwegApplication.class, args);
	}

}
