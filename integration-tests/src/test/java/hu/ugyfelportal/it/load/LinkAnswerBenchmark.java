package hu.ugyfelportal.it.load;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LinkRequestSettings;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LINK-ANSWER (scripts/benchmark.sh; not part of the normal test run): the enumeration-safe forgotten-password answer
 * (revealUnknownEmail=false) for a known address (a link mail goes out after the answer) against an unknown one
 * (nothing is sent), each address asked once, in pairs whose order alternates, each pair after the last mail arrived
 * so no mail being sent shares the CPU with a measured answer. Prints the medians, their gap and the spread (the
 * quartiles), and fails when the medians are more than {@link #MAX_GAP_MILLIS} apart: the answer would tell them.
 */
@ExtendWith(UgyfelportalExtension.class)
class LinkAnswerBenchmark {

    static final double MAX_GAP_MILLIS = 2.0;
    private static final int WARM_UP = 10;

    @Test
    void aKnownAddressIsAnsweredAsFastAsAnUnknownOne(TestEnvironment env) {
        int samples = Integer.getInteger("benchmark.linkSamples", 40);
        List<String> known = new ArrayList<>();
        for (int index = 0; index < samples + WARM_UP; index++) {
            String email = AdminApi.uniqueEmail("meres-link");
            env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
            known.add(email);
        }
        List<Double> knownMillis = new ArrayList<>();
        List<Double> unknownMillis = new ArrayList<>();
        try (var safe = LinkRequestSettings.revealUnknownEmail(env, false)) {
            for (int index = 0; index < samples + WARM_UP; index++) {
                double forKnown;
                double forUnknown;
                if (index % 2 == 0) {
                    forKnown = timedAnswer(env, known.get(index));
                    forUnknown = timedAnswer(env, AdminApi.uniqueEmail("meres-nobody"));
                } else {
                    forUnknown = timedAnswer(env, AdminApi.uniqueEmail("meres-nobody"));
                    forKnown = timedAnswer(env, known.get(index));
                }
                LoginJourney.awaitMail(env, known.get(index), 0);
                if (index >= WARM_UP) {
                    knownMillis.add(forKnown);
                    unknownMillis.add(forUnknown);
                }
            }
        }
        Quartiles forKnown = Quartiles.of(knownMillis);
        Quartiles forUnknown = Quartiles.of(unknownMillis);
        double gap = forKnown.median() - forUnknown.median();
        System.out.printf("%nLINK-ANSWER enumeration-safe forgotten-password answer, %d pairs: known address median "
                        + "%.1f ms (quartiles %.1f-%.1f, mail sent after the answer), unknown address median %.1f ms "
                        + "(quartiles %.1f-%.1f); gap of the medians %+.1f ms (limit %.1f)%n", samples,
                forKnown.median(), forKnown.lower(), forKnown.upper(), forUnknown.median(), forUnknown.lower(),
                forUnknown.upper(), gap, MAX_GAP_MILLIS);
        assertThat(Math.abs(gap)).as("gap of the medians, ms").isLessThanOrEqualTo(MAX_GAP_MILLIS);
    }

    private static double timedAnswer(TestEnvironment env, String email) {
        Browser browser = env.newBrowser();
        Page forgot = PasswordLinkSteps.forgotPasswordPage(env, browser);
        long start = System.nanoTime();
        Page answer = PasswordLinkSteps.submitEmail(browser, forgot, RESET_FORM, email);
        double took = (System.nanoTime() - start) / 1e6;
        assertThat(answer.has("#ugyfelportal-link-sent")).as("link answer: %s", answer).isTrue();
        return took;
    }

    private record Quartiles(double lower, double median, double upper) {

        static Quartiles of(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            return new Quartiles(at(sorted, 0.25), at(sorted, 0.5), at(sorted, 0.75));
        }

        /** Linear between the two nearest ranks. */
        private static double at(List<Double> sorted, double quantile) {
            double rank = quantile * (sorted.size() - 1);
            int below = (int) Math.floor(rank);
            int above = Math.min(below + 1, sorted.size() - 1);
            return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
        }
    }
}
