package hu.ugyfelportal.keycloak.clientnumber;

import hu.ugyfelportal.keycloak.common.CustomerStep;
import hu.ugyfelportal.keycloak.common.LogSafe;
import hu.ugyfelportal.keycloak.common.StepSettings;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;

import java.util.List;
import java.util.Optional;

/**
 * After the customer is known (password and code, or DÁP): picks the client number they enter the portal as.
 * Several eligible: a page to choose; exactly one: chosen without a page; none: an error page ends the login.
 * The choice is checked against the user's eligible client numbers again when the form comes back, so an edited
 * or replayed form never reaches a token.
 */
public final class ClientNumberChooser extends CustomerStep {

    static final String TEMPLATE = "client-number-chooser.ftl";
    static final String FORM_FIELD = "clientNumber";
    /** Event detail carrying the (chosen or refused) client number. */
    static final String EVENT_DETAIL = "client_number";
    static final String LOGIN_METHOD_DETAIL = "login_method";
    static final String ERROR_NONE_ELIGIBLE = "client_number_none_eligible";
    static final String ERROR_NOT_ELIGIBLE = "client_number_not_eligible";
    static final String ERROR_MISCONFIGURED = "client_number_misconfigured";
    private static final StepSettings<ChooserConfig> SETTINGS = new StepSettings<>(ChooserConfig.NAME,
            ChooserConfig::from, ERROR_MISCONFIGURED, "clientNumber.unavailable");
    private static final int MAX_LOGGED_LENGTH = 32;

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        ChooserConfig config = SETTINGS.readOrErrorPage(context).orElse(null);
        if (config == null) {
            return;
        }
        List<ClientNumber> eligible = ClientNumbers.eligible(context.getUser(), config.loginMethod());
        if (eligible.isEmpty()) {
            context.getEvent().user(context.getUser())
                    .detail(LOGIN_METHOD_DETAIL, config.loginMethod().name())
                    .error(ERROR_NONE_ELIGIBLE);
            Response errorPage = context.form()
                    .setError(config.noneEligibleMessage())
                    .createErrorPage(Response.Status.FORBIDDEN);
            context.failure(AuthenticationFlowError.ACCESS_DENIED, errorPage);
        } else if (eligible.size() == 1) {
            choose(context, eligible.get(0), config);
        } else {
            context.challenge(chooserPage(context, eligible, null));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        ChooserConfig config = SETTINGS.readOrErrorPage(context).orElse(null);
        if (config == null) {
            return;
        }
        String submitted = context.getHttpRequest().getDecodedFormParameters().getFirst(FORM_FIELD);
        Optional<ClientNumber> chosen = submitted == null
                ? Optional.empty()
                : ClientNumbers.findEligible(context.getUser(), config.loginMethod(), submitted.trim());
        if (chosen.isPresent()) {
            choose(context, chosen.get(), config);
            return;
        }
        context.getEvent().user(context.getUser())
                .detail(EVENT_DETAIL, forEvent(submitted))
                .error(ERROR_NOT_ELIGIBLE);
        List<ClientNumber> eligible = ClientNumbers.eligible(context.getUser(), config.loginMethod());
        context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED,
                chooserPage(context, eligible, "clientNumber.notEligible"));
    }

    /** The submitted value comes from the client: escaped and cut to a number's length before it is stored. */
    private static String forEvent(String submitted) {
        return submitted == null ? "(none)" : LogSafe.text(submitted, MAX_LOGGED_LENGTH);
    }

    private static void choose(AuthenticationFlowContext context, ClientNumber clientNumber, ChooserConfig config) {
        ChosenClientNumber.store(context.getAuthenticationSession(), clientNumber, config.loginMethod());
        context.getEvent().detail(EVENT_DETAIL, clientNumber.number());
        context.success();
    }

    private static Response chooserPage(AuthenticationFlowContext context, List<ClientNumber> eligible, String error) {
        var form = context.form().setAttribute("clientNumbers", eligible.stream().map(ChoiceView::new).toList());
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    /**
     * What the template shows of one client number; the type is a message key, put into words by the theme.
     * JavaBean getters, because that is what Keycloak's FreeMarker set-up reads.
     */
    public static final class ChoiceView {

        private final ClientNumber clientNumber;

        ChoiceView(ClientNumber clientNumber) {
            this.clientNumber = clientNumber;
        }

        public String getNumber() {
            return clientNumber.number();
        }

        public String getTypeKey() {
            return clientNumber.type().messageKey();
        }

        public String getName() {
            return clientNumber.name();
        }
    }
}
