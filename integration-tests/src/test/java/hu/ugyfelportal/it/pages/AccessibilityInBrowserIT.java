package hu.ugyfelportal.it.pages;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.CustomerPages;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core on every page a customer can reach, at desktop and phone width, in both languages: no violation of
 * WCAG 2.1 level A or AA. No rule is switched off.
 */
@ExtendWith(UgyfelportalExtension.class)
class AccessibilityInBrowserIT {

    private static final List<String> WCAG_21_A_AND_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final int PHONE_WIDTH = 390;

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void everyPageMeetsWcag21LevelAA(String acceptLanguage, TestEnvironment env) {
        List<String> violations = new ArrayList<>();
        List<String> analysed = new ArrayList<>();

        CustomerPages.walk(env, acceptLanguage, (page, chromium) -> {
            analyse(page + " (desktop)", chromium, violations);
            analysed.add(page);
            try {
                chromium.phoneViewport(PHONE_WIDTH, 800);
                analyse(page + " (" + PHONE_WIDTH + " px)", chromium, violations);
            } finally {
                chromium.desktopViewport();
            }
        });

        System.out.printf("axe-core (%s): %d pages analysed at two widths%n", acceptLanguage, analysed.size());
        assertThat(analysed).as("pages analysed").hasSizeGreaterThan(20);
        assertThat(violations).as("WCAG 2.1 A/AA violations (%s)", acceptLanguage).isEmpty();
    }

    private static void analyse(String page, Chromium chromium, List<String> violations) {
        Results results = new AxeBuilder().withTags(WCAG_21_A_AND_AA).analyze(chromium.driver());
        if (results.isErrored()) {
            throw new AssertionError("axe-core failed on " + page + ": " + results.getErrorMessage());
        }
        for (Rule rule : results.getViolations()) {
            violations.add(page + ": " + rule.getId() + " (" + rule.getHelp() + ")\n" + rule.getNodes().stream()
                    .map(node -> "    " + node.getTarget() + " " + node.getHtml() + "\n      " + node.getFailureSummary())
                    .collect(Collectors.joining("\n")));
        }
    }
}
