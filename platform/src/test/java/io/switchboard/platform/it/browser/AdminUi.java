package io.switchboard.platform.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;

/**
 * The platform's pages as the UI tests use them: sign-in, the fields of a form rendered from a schema (found by
 * their {@code data-field} key), typing, and submitting with a wait for the next page.
 */
public final class AdminUi {

    private final Browser browser;
    private final URI base;

    public AdminUi(Browser browser, URI base) {
        this.browser = browser;
        this.base = base;
    }

    /** Opens a page of the platform by its path. */
    public void open(String path) {
        browser.open(uri(path));
    }

    /** @return the address of a page of the platform */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /** Signs in on the login page and checks it was accepted. */
    public void signIn(String email, String password) {
        open("/login.xhtml");
        type(By.id("login:email"), email);
        type(By.id("login:password"), password);
        submit(By.id("login:submit"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("/login.xhtml");
    }

    /** @return the block of a schema field (label, input, help, error) */
    public WebElement field(String key) {
        return browser.driver().findElement(By.cssSelector("[data-field='" + key + "']"));
    }

    /** @return the error message shown beside a field */
    public String error(String key) {
        return field(key).findElement(By.className("error")).getText();
    }

    /** @return the text input of a field (not its hidden or checkbox inputs) */
    public WebElement input(String key) {
        return field(key).findElement(By.cssSelector("input:not([type=hidden]):not([type=checkbox])"));
    }

    /** @return the text input of a cell of a mapping field's table */
    public WebElement cell(String key, int row, String column) {
        return field(key).findElement(By.cssSelector("tr[data-row='" + row + "'] td[data-column='" + column + "'] input"));
    }

    /** @return the drop-down of a cell of a mapping field's table */
    public Select cellChoice(String key, int row, String column) {
        return new Select(field(key).findElement(By.cssSelector(
                "tr[data-row='" + row + "'] td[data-column='" + column + "'] select")));
    }

    /** @return the drop-down of a choice field */
    public Select choice(String key) {
        return new Select(field(key).findElement(By.tagName("select")));
    }

    public String text(By by) {
        return browser.driver().findElement(by).getText();
    }

    public void type(By by, String value) {
        type(browser.driver().findElement(by), value);
    }

    public static void type(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks something that submits the page (or follows a link) and waits for the next page. */
    public void submit(By by) {
        WebElement element = browser.driver().findElement(by);
        element.click();
        // The old page is gone once its element is: Chrome reports that as "stale element" or, while the new
        // document replaces the old one, as "node does not belong to the document" — both mean the same here.
        browser.waitFor((ExpectedCondition<Boolean>) driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }
}
