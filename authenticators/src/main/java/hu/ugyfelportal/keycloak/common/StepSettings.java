package hu.ugyfelportal.keycloak.common;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How every flow step reads its admin-console settings and meets bad ones: one WARN line naming the step, its
 * configuration and every bad setting; one error event of the step's {@code *_misconfigured} kind; and the portal's
 * error page saying that the customer cannot go on now. Keycloak 26.7 cannot check an authenticator's settings when
 * they are saved, so this is where an administrator learns of a mistake.
 *
 * @param stepName     the step, for the log line ("e-mail code")
 * @param from         the settings record's reader, which throws {@link ConfigReader.InvalidSettingsException}
 * @param eventError   the error of the event ({@code email_code_misconfigured})
 * @param pageMessage  the message key of the error page ({@code emailCode.unavailable})
 */
public record StepSettings<T>(String stepName, Function<Map<String, String>, T> from, String eventError,
                              String pageMessage) {

    /** Event detail naming the refused configuration by its alias; the problems themselves go to the log only. */
    public static final String DETAIL_CONFIG = "authenticator_config";
    private static final Logger LOG = Logger.getLogger(StepSettings.class);

    /**
     * The step's settings; or, when they are bad, empty after the log line, the event and the error page, so the
     * step only returns.
     */
    public Optional<T> readOrErrorPage(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        try {
            return Optional.of(from.apply(config == null ? null : config.getConfig()));
        } catch (ConfigReader.InvalidSettingsException e) {
            String alias = config == null ? "" : LogSafe.text(config.getAlias());
            LOG.warnf("The %s step refuses its authenticator config '%s': %s", stepName, alias,
                    e.problemsForLog());
            context.getEvent().user(context.getUser()).detail(DETAIL_CONFIG, alias).error(eventError);
            // A page, not an exception: Keycloak's generic error page would not tell the customer what to do; 503, as the
            // step is unavailable until an administrator fixes its settings (never a 500).
            context.challenge(context.form().setError(pageMessage)
                    .createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
            return Optional.empty();
        }
    }
}
