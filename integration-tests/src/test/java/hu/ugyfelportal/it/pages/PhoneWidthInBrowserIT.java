package hu.ugyfelportal.it.pages;

import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.CustomerPages;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a customer can reach fits a phone: at 360 and 390 CSS pixels (the narrow phones in use) no page is
 * wider than the screen, so the phone never zooms out, and no visible element sticks out of it.
 */
@ExtendWith(UgyfelportalExtension.class)
class PhoneWidthInBrowserIT {

    private static final List<Integer> PHONE_WIDTHS = List.of(360, 390);
    private static final int PHONE_HEIGHT = 800;
    /** The page's width and every visible element reaching past the phone screen's left or right edge. */
    private static final String MEASURE = """
            var width = arguments[0];
            var sticking = [];
            document.querySelectorAll('body *').forEach(function (element) {
                var style = getComputedStyle(element);
                var box = element.getBoundingClientRect();
                if (style.visibility === 'hidden' || box.width < 2 || box.height < 2) {
                    return;
                }
                if (box.right > width + 0.5 || box.left < -0.5) {
                    sticking.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
                        + (element.className && element.className.baseVal === undefined ? '.' + element.className.trim().split(/\\s+/).join('.') : '')
                        + ' [' + Math.round(box.left) + ', ' + Math.round(box.right) + ']');
                }
            });
            return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, sticking: sticking};
            """;

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void noPageIsWiderThanAPhone(String acceptLanguage, TestEnvironment env) {
        List<String> tooWide = new ArrayList<>();
        List<String> measured = new ArrayList<>();

        CustomerPages.walk(env, acceptLanguage, (page, chromium) -> {
            try {
                for (int width : PHONE_WIDTHS) {
                    chromium.phoneViewport(width, PHONE_HEIGHT);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> size = (Map<String, Object>) ((JavascriptExecutor) chromium.driver())
                            .executeScript(MEASURE, width);
                    long scrollWidth = ((Number) size.get("scrollWidth")).longValue();
                    long innerWidth = ((Number) size.get("innerWidth")).longValue();
                    List<?> sticking = (List<?>) size.get("sticking");
                    measured.add(page + "@" + width);
                    if (scrollWidth > innerWidth || innerWidth > width || !sticking.isEmpty()) {
                        tooWide.add(page + " at " + width + " px: page " + scrollWidth + " px wide in a "
                                + innerWidth + " px viewport; sticking out: " + sticking);
                    }
                }
            } finally {
                chromium.desktopViewport();
            }
        });

        System.out.printf("Phone widths (%s): %d page widths measured%n", acceptLanguage, measured.size());
        assertThat(measured).as("pages measured").hasSizeGreaterThan(40);
        assertThat(tooWide).as("pages wider than a phone (%s)", acceptLanguage).isEmpty();
    }
}
