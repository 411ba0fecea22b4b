package hu.ugyfelportal.it.clientnumber;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole journey in a real browser: password, e-mailed code, then a click on one client number. */
@ExtendWith(UgyfelportalExtension.class)
class ClientNumberInBrowserIT {

    private static final String PASSWORD = "Teszt-jelszo-4";

    @Test
    void customerClicksOneOfTheirClientNumbersAndThePortalGetsIt(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("bongeszo-ugyfel");
        env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam",
                List.of("81000001 | MAGANSZEMELY | Varga Péter", "81000002 | OSTERMELO | Varga Péter őstermelő")));
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        browser.get(request.url());

        LoginJourney.passwordAndCodeInBrowser(env, browser, email, PASSWORD);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-client-number-form")));
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo("Ügyfél kiválasztása");
        WebElement producer = browser.findElement(By.id("client-number-81000002"));
        assertThat(producer.getText()).contains("Varga Péter őstermelő", "81000002", "Őstermelő");
        producer.click();

        wait.until(ExpectedConditions.urlContains(env.portalUrl()));
        Page redirect = new Page(URI.create(browser.getCurrentUrl()), 200, "", Jsoup.parse(""),
                URI.create(browser.getCurrentUrl()));
        assertThat(env.portal().exchange(request, redirect).idTokenClaims())
                .containsEntry("client_number", "81000002")
                .containsEntry("client_type", "OSTERMELO")
                .containsEntry("client_name", "Varga Péter őstermelő");
    }
}
