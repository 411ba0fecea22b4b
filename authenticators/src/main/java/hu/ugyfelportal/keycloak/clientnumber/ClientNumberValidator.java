package hu.ugyfelportal.keycloak.clientnumber;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidationResult;
import org.keycloak.validate.ValidatorConfig;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * User-profile validator of the {@value ClientNumber#ATTRIBUTE} attribute: every value is
 * {@code number | TYPE | name} with an 8-digit number and a known type, and no number appears twice.
 * It sees all values of the attribute at once, which is what the duplicate check needs.
 * Its messages are realm localization texts, so the admin console shows them in the admin's language.
 */
public final class ClientNumberValidator implements SimpleValidator, ConfiguredProvider {

    public static final String ID = "ugyfelportal-client-number";

    static final String MESSAGE_FORMAT = "clientNumber.error.format";
    static final String MESSAGE_NUMBER = "clientNumber.error.number";
    static final String MESSAGE_TYPE = "clientNumber.error.type";
    static final String MESSAGE_DUPLICATE = "clientNumber.error.duplicate";

    private static final Map<ClientNumber.Problem, String> MESSAGES = Map.of(
            ClientNumber.Problem.FORMAT, MESSAGE_FORMAT,
            ClientNumber.Problem.NUMBER, MESSAGE_NUMBER,
            ClientNumber.Problem.TYPE, MESSAGE_TYPE);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        Collection<?> values = input instanceof Collection<?> collection ? collection : List.of(input);
        Set<String> numbers = new HashSet<>();
        for (Object item : values) {
            if (item == null || item.toString().isBlank()) {
                // Empty rows of the admin console's multivalued field; "required" is not this validator's concern.
                continue;
            }
            String value = item.toString();
            var problem = ClientNumber.problemOf(value);
            if (problem.isPresent()) {
                context.addError(new ValidationError(ID, inputHint, MESSAGES.get(problem.get()), value));
                continue;
            }
            String number = ClientNumber.parse(value).orElseThrow().number();
            if (!numbers.add(number)) {
                context.addError(new ValidationError(ID, inputHint, MESSAGE_DUPLICATE, number));
            }
        }
        return context;
    }

    @Override
    public ValidationResult validateConfig(KeycloakSession session, ValidatorConfig config) {
        return ValidationResult.OK;
    }

    @Override
    public String getHelpText() {
        return "Ügyfélportál client numbers: 'number | TYPE | name', 8-digit number, known type, no number twice.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
