package hu.ugyfelportal.it.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer without a mouse: keys go to whatever has the focus, as a real keyboard's do; nothing is clicked and no
 * element is focused by the test itself.
 */
public final class Keyboard {

    private static final int MAX_TABS = 30;
    /** The focused element and how its focus is drawn. */
    private static final String FOCUS = """
            var element = document.activeElement;
            var style = getComputedStyle(element);
            return {id: element.id, visible: element.matches(':focus-visible'), outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0, outline: style.outline, boxShadow: style.boxShadow};
            """;

    private final WebDriver browser;

    public Keyboard(WebDriver browser) {
        this.browser = browser;
    }

    /** Types into the focused field. */
    public void type(String text) {
        new Actions(browser).sendKeys(text).perform();
    }

    public void press(Keys key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** Presses Tab until the element with the id has the focus; fails when it is not reached. */
    public void tabTo(String id) {
        for (int i = 0; i <= MAX_TABS; i++) {
            if (id.equals(focusedId())) {
                return;
            }
            press(Keys.TAB);
        }
        throw new AssertionError("#" + id + " not reached with " + MAX_TABS + " tabs; focus on #" + focusedId());
    }

    public String focusedId() {
        return (String) focus().get("id");
    }

    /** The focused element shows it has the focus: a focus ring of at least 2 px, or a shadow drawn for it. */
    public void assertFocusVisible() {
        Map<String, Object> focus = focus();
        assertThat(focus.get("visible")).as("#%s matches :focus-visible", focus.get("id")).isEqualTo(true);
        boolean ring = !"none".equals(focus.get("outlineStyle")) && ((Number) focus.get("outlineWidth")).doubleValue() >= 2;
        boolean shadow = !"none".equals(focus.get("boxShadow"));
        assertThat(ring || shadow).as("#%s shows its focus (outline %s, box-shadow %s)", focus.get("id"),
                focus.get("outline"), focus.get("boxShadow")).isTrue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> focus() {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(FOCUS);
    }
}
