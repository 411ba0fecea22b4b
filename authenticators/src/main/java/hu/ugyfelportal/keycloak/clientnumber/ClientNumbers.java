package hu.ugyfelportal.keycloak.clientnumber;

import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Optional;

/** A user's client numbers, read from the user attribute; values that do not parse are skipped. */
public final class ClientNumbers {

    private ClientNumbers() {
    }

    public static List<ClientNumber> of(UserModel user) {
        return user.getAttributeStream(ClientNumber.ATTRIBUTE)
                .map(ClientNumber::parse)
                .flatMap(Optional::stream)
                .toList();
    }

    public static List<ClientNumber> eligible(UserModel user, LoginMethod method) {
        return method.eligible(of(user));
    }

    /** The user's client number with this number, if the login method lets them enter it; how every choice is checked. */
    public static Optional<ClientNumber> findEligible(UserModel user, LoginMethod method, String number) {
        return eligible(user, method).stream()
                .filter(clientNumber -> clientNumber.number().equals(number))
                .findFirst();
    }
}
