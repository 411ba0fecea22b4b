package hu.ugyfelportal.it.dap;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer links DÁP from Keycloak's own account console ("Linked accounts") and unlinks it there, in a real
 * browser: the console's React page, Keycloak's link confirmation, our QR page noticing the phone by itself.
 */
@ExtendWith(UgyfelportalExtension.class)
class AccountConsoleLinkingInBrowserIT {

    private static final String PASSWORD = "Fiokkonzol-jelszo-1";
    /**
     * Linked only while one test runs (here, and DapLoginIT's cancel tests, which unlink it again): a DÁP identity
     * can belong to one user.
     */
    private static final String IDENTITY = "kelemen-reka";

    @Test
    void customerLinksAndUnlinksDapOnTheLinkedAccountsPage(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("fiokkonzol");
        String userId = env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account/account-security/linked-accounts");
        LoginJourney.passwordAndCodeInBrowser(env, browser, email, PASSWORD);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("dap-idp-link")));
        // The console names the provider plainly; "Bejelentkezés DÁP-pal" is the login button's wording only.
        assertThat(browser.findElement(By.id("dap-idp")).getText()).contains("DÁP").doesNotContain("Bejelentkezés");
        browser.findElement(By.id("dap-idp-link")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("kc-continue"))).click();
        String qr = DapPhone.scan(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dap-qr-image")))
                .getDomAttribute("src"));
        assertThat(env.dap().approve(qr, IDENTITY).verifierStatus()).isEqualTo(200);

        // The QR page notices the approval by itself and the console comes back with DÁP among the linked accounts.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dap-idp-unlink")));
        assertThat(federatedIdentities(env, userId)).extracting(identity -> identity.get("identityProvider"))
                .containsExactly("dap");

        browser.findElement(By.id("dap-idp-unlink")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dap-idp-link")));
        assertThat(federatedIdentities(env, userId)).isEmpty();
    }

    /**
     * The demo customers exactly as {@code realm-config/demo/ugyfelportal-users-0.json} imports them, with the
     * README's passwords: an imported user has only the roles its file grants, and without the realm's default
     * roles the console answers its first call with 401 ("Valami hiba történt").
     */
    @ParameterizedTest
    @CsvSource({"kovacs.janos@example.hu, Demo-jelszo-1", "nagy.eva@example.hu, Demo-jelszo-2",
            "fekete.epito.kft@example.hu, Demo-jelszo-3"})
    void everyImportedDemoCustomerOpensTheLinkedAccountsPage(String email, String password, TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account/account-security/linked-accounts");
        LoginJourney.passwordAndCodeInBrowser(env, browser, email, password);
        LoginJourney.chooseFirstClientNumberInBrowserIfAsked(browser);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dap-idp")));
        // The FAQ's „Profil oldal”: the console's page for DÁP, in the FAQ's „összeköt”.
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Valami hiba történt")
                .contains("DÁP összekötés").doesNotContainIgnoringCase("összekapcsol");
        assertThat(browser.getTitle()).isEqualTo("Ügyfélportál – Profil");
    }

    /** Every user of the demo file, including any added later: Keycloak's import grants only the roles it lists. */
    @Test
    void everyUserOfTheDemoFileHoldsTheRealmsDefaultRoles(TestEnvironment env) {
        assertThat(env.demoUsernames()).isNotEmpty().allSatisfy(username ->
                assertThat(env.admin().holdsTheRealmsDefaultRoles(env.admin().userIdOf(username))).as(username).isTrue());
    }

    @Test
    void cancelOnTheQrPageVoidsItSoTheWalletsLateApprovalIsRefusedAndNothingIsLinked(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("fiokkonzol-megse");
        String userId = env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account/account-security/linked-accounts");
        LoginJourney.passwordAndCodeInBrowser(env, browser, email, PASSWORD);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dap-idp-link"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("kc-continue"))).click();
        String qr = DapPhone.scan(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dap-qr-image")))
                .getDomAttribute("src"));
        DapPhone.WalletPage scanned = env.dap().paste(qr);
        String qrPage = browser.getCurrentUrl();

        browser.findElement(By.id("dap-cancel")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dap-idp-link")));
        assertThat(scanned.approve(IDENTITY)).as("the wallet's approval after Mégse").isEqualTo(400);
        // What the Back button loads (the console's own history entries lie between).
        browser.get(qrPage);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "A bejelentkezés lejárt, vagy egy másik böngészőben kezdődött."));

        assertThat(federatedIdentities(env, userId)).as("nothing linked").isEmpty();
    }

    /**
     * The Profil page is the portal's (docs/customer-pages.md, "The account console"): its logo and title in the
     * page's language, the family name first, "Bejelentkezés" offering only the password, and the DÁP page without
     * Keycloak's "system defined" badge and empty pagers.
     */
    @ParameterizedTest
    @CsvSource({"hu, Ügyfélportál – Profil, Vezetéknév, Bejelentkezés",
            "en, Customer Portal – Profile, Last name, Logging in"})
    void theProfilPageIsThePortalsInTheCustomersLanguage(String language, String title, String familyNameLabel,
                                                        String signingInTitle, TestEnvironment env) throws Exception {
        String email = AdminApi.uniqueEmail("profil");
        env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        WebDriver browser = env.chromium().newSession(language.equals("hu") ? Chromium.HUNGARIAN : Chromium.ENGLISH);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String account = env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account";

        browser.get(account + "/");
        LoginJourney.passwordAndCodeInBrowser(env, browser, email, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lastName")));
        assertThat(browser.getTitle()).isEqualTo(title);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(familyNameLabel);
        // Vezetéknév before Keresztnév, as Hungarian names are written.
        assertThat(browser.findElement(By.id("lastName")).getLocation().getY())
                .isLessThan(browser.findElement(By.id("firstName")).getLocation().getY());
        WebElement logo = browser.findElement(By.cssSelector("[data-testid=page-header] img"));
        assertThat(logo.getDomAttribute("src")).endsWith("/account/ugyfelportal/logo.svg");
        HttpResponse<String> logoFile = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(logo.getAttribute("src"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logoFile.body()).contains("ÜGYFÉLPORTÁL");

        browser.get(account + "/account-security/signing-in");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("basic-authentication-categ-title")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(signingInTitle);
        assertThat(browser.findElements(By.cssSelector("[data-testid='otp/help'], [data-testid='webauthn/help'],"
                + " [data-testid='webauthn-passwordless/help']")).stream().filter(WebElement::isDisplayed))
                .as("no authenticator app or passkey to set up").isEmpty();

        browser.get(account + "/account-security/linked-accounts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dap-idp-link")));
        assertThat(browser.findElement(By.id("dap-idp-label")).isDisplayed()).as("system-defined badge").isFalse();
        assertThat(browser.findElements(By.cssSelector(".pf-v5-c-pagination")).stream().filter(WebElement::isDisplayed))
                .as("pagers").isEmpty();
    }

    @Test
    void theLoginPagesDapButtonFollowsThePageLanguage(TestEnvironment env) {
        Page hungarian = env.newBrowser().open(env.portal().authorizationRequest().url());
        Page english = env.newBrowser().open(env.portal().authorizationRequest(Map.of("ui_locales", "en")).url());

        assertThat(hungarian.document().select("#social-dap").text()).isEqualTo("Bejelentkezés DÁP-pal");
        assertThat(english.document().select("#social-dap").text()).isEqualTo("Log in with DÁP");
    }

    private static List<Map<String, Object>> federatedIdentities(TestEnvironment env, String userId) {
        return env.admin().get("/users/" + userId + "/federated-identity", new TypeReference<>() {
        });
    }
}
