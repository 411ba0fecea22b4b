package hu.ugyfelportal.keycloak.clientnumber;

import java.util.List;

/** How the customer proved who they are; it decides which client numbers they may enter. */
public enum LoginMethod {
    /** Username, password and e-mailed code: every client number. */
    PASSWORD,
    /** The DÁP app: only the client types that allow DÁP. */
    DAP;

    /** The one place of the eligibility rule (SPEC §4.5). */
    public List<ClientNumber> eligible(List<ClientNumber> clientNumbers) {
        return clientNumbers.stream()
                .filter(clientNumber -> this == PASSWORD || clientNumber.type().dapAllowed())
                .toList();
    }
}
