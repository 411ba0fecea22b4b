package hu.ugyfelportal.keycloak.registration;

import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserProvider;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registration / forgotten-password page and its link; the link lifetime and the enumeration switch live here.
 * It also owns this node's {@link LinkMailQueue}, from Keycloak's start to its shutdown.
 */
public final class PasswordLinkRequestAuthenticatorFactory extends PasswordLinkAuthenticatorFactory
        implements ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "ugyfelportal-password-link-request";

    private final LinkMailQueue mailsAfterResponse;
    private final LinkMailQueue eventsAfterResponse;

    public PasswordLinkRequestAuthenticatorFactory() {
        this(new LinkMailQueue("link-mail", LinkMailQueue.SENDERS, LinkMailQueue.CAPACITY),
                new LinkMailQueue("link-event", 1, LinkMailQueue.EVENT_CAPACITY));
    }

    private PasswordLinkRequestAuthenticatorFactory(LinkMailQueue mailsAfterResponse, LinkMailQueue eventsAfterResponse) {
        super(new PasswordLinkRequestAuthenticator(mailsAfterResponse, eventsAfterResponse));
        this.mailsAfterResponse = mailsAfterResponse;
        this.eventsAfterResponse = eventsAfterResponse;
    }

    /** Shown under Provider info in the master realm's admin console. */
    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("linkMailSenders", String.valueOf(mailsAfterResponse.senderCount()),
                "linkMailQueueCapacity", String.valueOf(mailsAfterResponse.capacity()));
    }

    /** Closed before what the queued mails need (Keycloak closes the dependants first), so the drain can send. */
    @Override
    public Set<Class<? extends Provider>> dependsOn() {
        return Set.of(RealmProvider.class, UserProvider.class, SingleUseObjectProvider.class,
                EmailTemplateProvider.class, EmailSenderProvider.class, EventStoreProvider.class);
    }

    @Override
    public void close() {
        mailsAfterResponse.close(LinkMailQueue.DRAIN);
        eventsAfterResponse.close(LinkMailQueue.DRAIN);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Ügyfélportál: registration / forgotten password link";
    }

    @Override
    public String getHelpText() {
        return "Asks for the contract e-mail and e-mails a single-use link to set a password. Put it first in the "
                + "reset-credentials flow; add '?purpose=registration' to the flow's URL for the registration page.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(PasswordLinkConfig.LINK_LIFETIME_SECONDS).label("Link lifetime (seconds)")
                .helpText("How long an e-mailed registration or password link can be used. "
                        + PasswordLinkConfig.LINK_LIFETIME_MIN + " to " + PasswordLinkConfig.LINK_LIFETIME_MAX
                        + ", default " + PasswordLinkConfig.DEFAULT_LINK_LIFETIME.toSeconds() + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_LINK_LIFETIME.toSeconds())).add()
                .property().name(PasswordLinkConfig.REVEAL_UNKNOWN_EMAIL).label("Tell when an e-mail has no account")
                .helpText("On: an unknown e-mail gets 'Sikertelen jelszó visszaállítási folyamat' (as the FAQ says), "
                        + "and registering a registered e-mail points to the forgotten-password page. Off: every "
                        + "e-mail gets the same 'we sent you an e-mail' answer, so the pages do not reveal accounts.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_REVEAL_UNKNOWN_EMAIL)).add()
                .property().name(PasswordLinkConfig.MAIL_COOLDOWN_SECONDS).label("Wait between two mails (seconds)")
                .helpText("The least time between two link mails to one address; a request within it gets the same "
                        + "'we sent you an e-mail' page and nothing is sent. " + PasswordLinkConfig.MAIL_COOLDOWN_MIN
                        + " to " + PasswordLinkConfig.MAIL_COOLDOWN_MAX
                        + ", default " + PasswordLinkConfig.DEFAULT_MAIL_COOLDOWN.toSeconds() + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_MAIL_COOLDOWN.toSeconds())).add()
                .property().name(PasswordLinkConfig.MAILS_PER_HOUR).label("Mails per address and hour")
                .helpText("Link mails to one address at most within an hour, counted across the cluster. "
                        + PasswordLinkConfig.MAILS_PER_HOUR_MIN + " to " + PasswordLinkConfig.MAILS_PER_HOUR_MAX
                        + ", default " + PasswordLinkConfig.DEFAULT_MAILS_PER_HOUR + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_MAILS_PER_HOUR)).add()
                .build();
    }
}
