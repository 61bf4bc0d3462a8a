package nl.uitweg.web;

import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What a staff member does on the console and the dashboard, through the page hooks of
 * the public contract only.
 */
final class StaffPages {

	private StaffPages() {
	}

	static void signIn(Browser browser, String username, String password) {
		WebElement name = browser.visible("login-username");
		name.clear();
		name.sendKeys(username);
		WebElement secret = browser.visible("login-password");
		secret.clear();
		secret.sendKeys(password);
		browser.clickable("login-submit").click();
	}

	/**
	 * The contract names the {@code availability} control but not its kind: a select
	 * takes the option {@code available}, a checkbox or switch is checked, a toggle
	 * button is pressed.
	 */
	static void becomeAvailable(Browser browser) {
		WebElement control = browser.clickable("availability");
		String tag = control.getTagName().toLowerCase();
		String type = String.valueOf(control.getDomProperty("type")).toLowerCase();
		if (tag.equals("select")) {
			new Select(control).selectByValue("available");
		}
		else if (tag.equals("input") && (type.equals("checkbox") || type.equals("radio"))) {
			if (!control.isSelected()) {
				control.click();
			}
		}
		else if ("true".equals(control.getDomAttribute("aria-checked"))
				|| "true".equals(control.getDomAttribute("aria-pressed"))) {
			return;
		}
		else {
			control.click();
		}
	}

}
