package hu.ugyfelportal.keycloak.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static hu.ugyfelportal.keycloak.registration.LinkPurpose.PASSWORD_RESET;
import static hu.ugyfelportal.keycloak.registration.LinkPurpose.REGISTRATION;
import static hu.ugyfelportal.keycloak.registration.LinkRequestAnswer.Account.NONE;
import static hu.ugyfelportal.keycloak.registration.LinkRequestAnswer.Account.PASSWORD_NOT_READ;
import static hu.ugyfelportal.keycloak.registration.LinkRequestAnswer.Account.WITHOUT_PASSWORD;
import static hu.ugyfelportal.keycloak.registration.LinkRequestAnswer.Account.WITH_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkRequestAnswerTest {

    private static final PasswordLinkConfig REVEALING = PasswordLinkConfig.defaults();
    private static final PasswordLinkConfig HIDING = new PasswordLinkConfig(Duration.ofMinutes(15), false,
            PasswordLinkConfig.DEFAULT_MAIL_COOLDOWN, PasswordLinkConfig.DEFAULT_MAILS_PER_HOUR);

    @Test
    void unknownEmailGetsThePageOwnAnswerWhenTheRealmRevealsIt() {
        assertThat(LinkRequestAnswer.decide(PASSWORD_RESET, NONE, REVEALING)).isEqualTo(LinkRequestAnswer.UNKNOWN_EMAIL_FOR_RESET);
        assertThat(LinkRequestAnswer.decide(REGISTRATION, NONE, REVEALING)).isEqualTo(LinkRequestAnswer.UNKNOWN_EMAIL_FOR_REGISTRATION);
    }

    @Test
    void unknownEmailLooksLikeASentLinkWhenTheRealmHidesAccounts() {
        assertThat(LinkRequestAnswer.decide(PASSWORD_RESET, NONE, HIDING)).isEqualTo(LinkRequestAnswer.PRETEND_SENT);
        assertThat(LinkRequestAnswer.decide(REGISTRATION, NONE, HIDING)).isEqualTo(LinkRequestAnswer.PRETEND_SENT);
    }

    @Test
    void registeringARegisteredAccountPointsToForgottenPasswordOnlyWhenRevealing() {
        assertThat(LinkRequestAnswer.decide(REGISTRATION, WITH_PASSWORD, REVEALING)).isEqualTo(LinkRequestAnswer.ALREADY_REGISTERED);
        assertThat(LinkRequestAnswer.decide(REGISTRATION, WITH_PASSWORD, HIDING)).isEqualTo(LinkRequestAnswer.SEND_LINK);
    }

    @Test
    void provisionedAndRegisteredAccountsGetTheLink() {
        assertThat(LinkRequestAnswer.decide(REGISTRATION, WITHOUT_PASSWORD, REVEALING)).isEqualTo(LinkRequestAnswer.SEND_LINK);
        assertThat(LinkRequestAnswer.decide(PASSWORD_RESET, WITH_PASSWORD, REVEALING)).isEqualTo(LinkRequestAnswer.SEND_LINK);
        assertThat(LinkRequestAnswer.decide(PASSWORD_RESET, WITHOUT_PASSWORD, HIDING)).isEqualTo(LinkRequestAnswer.SEND_LINK);
    }

    @Test
    void theHidingAnswersSendTheLinkWithoutReadingThePassword() {
        assertThat(LinkRequestAnswer.decide(REGISTRATION, PASSWORD_NOT_READ, HIDING)).isEqualTo(LinkRequestAnswer.SEND_LINK);
        assertThat(LinkRequestAnswer.decide(PASSWORD_RESET, PASSWORD_NOT_READ, HIDING)).isEqualTo(LinkRequestAnswer.SEND_LINK);
        assertThatThrownBy(() -> LinkRequestAnswer.decide(REGISTRATION, PASSWORD_NOT_READ, REVEALING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheRegistrationParameterOpensTheRegistrationPage() {
        assertThat(LinkPurpose.fromParameter("registration")).isEqualTo(REGISTRATION);
        assertThat(LinkPurpose.fromParameter(null)).isEqualTo(PASSWORD_RESET);
        assertThat(LinkPurpose.fromParameter("anything")).isEqualTo(PASSWORD_RESET);
    }
}
