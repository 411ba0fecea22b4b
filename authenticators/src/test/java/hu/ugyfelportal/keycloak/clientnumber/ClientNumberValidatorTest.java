package hu.ugyfelportal.keycloak.clientnumber;

import org.junit.jupiter.api.Test;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientNumberValidatorTest {

    private final ClientNumberValidator validator = new ClientNumberValidator();

    @Test
    void acceptsWellFormedDistinctClientNumbers() {
        assertThat(errors(List.of("12345678 | MAGANSZEMELY | Kovács János", "87654321|CEG|Kovács Kft."))).isEmpty();
    }

    @Test
    void reportsEachBadValueWithItsOwnMessageAndTheValue() {
        List<ValidationError> errors = errors(List.of("1234567 | CEG | Rövid Kft.", "12345678 | BANK | Bank",
                "12345679 | CEG"));

        assertThat(errors).extracting(ValidationError::getMessage).containsExactly(
                ClientNumberValidator.MESSAGE_NUMBER, ClientNumberValidator.MESSAGE_TYPE, ClientNumberValidator.MESSAGE_FORMAT);
        assertThat(errors.get(1).getMessageParameters()).containsExactly("12345678 | BANK | Bank");
    }

    @Test
    void theSameNumberTwiceIsADuplicateEvenWithAnotherTypeOrName() {
        List<ValidationError> errors = errors(List.of("12345678 | MAGANSZEMELY | Kovács János",
                "12345678 | CEG | Kovács Kft."));

        assertThat(errors).extracting(ValidationError::getMessage).containsExactly(ClientNumberValidator.MESSAGE_DUPLICATE);
        assertThat(errors.get(0).getMessageParameters()).containsExactly("12345678");
    }

    @Test
    void emptyRowsOfTheConsoleFieldAreIgnored() {
        assertThat(errors(List.of("", "12345678 | CEG | Kovács Kft."))).isEmpty();
    }

    private List<ValidationError> errors(List<String> values) {
        ValidationContext context = new ValidationContext();
        validator.validate(values, ClientNumber.ATTRIBUTE, context, ValidatorConfig.EMPTY);
        return List.copyOf(context.getErrors());
    }
}
