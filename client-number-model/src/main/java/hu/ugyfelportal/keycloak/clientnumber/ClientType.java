package hu.ugyfelportal.keycloak.clientnumber;

import java.util.Arrays;
import java.util.Optional;

/** The kind of contracting party a client number (ügyfélszám) stands for. */
public enum ClientType {
    MAGANSZEMELY(true),
    EGYENI_VALLALKOZO(true),
    OSTERMELO(true),
    CEG(false),
    TARSASHAZ(false);

    private final boolean dapAllowed;

    ClientType(boolean dapAllowed) {
        this.dapAllowed = dapAllowed;
    }

    /** DÁP is for private persons, sole traders and primary producers; companies and condominiums use a password. */
    public boolean dapAllowed() {
        return dapAllowed;
    }

    /** Theme message key of the type's name in words, e.g. {@code clientType.MAGANSZEMELY}. */
    public String messageKey() {
        return "clientType." + name();
    }

    public static Optional<ClientType> parse(String value) {
        return Arrays.stream(values()).filter(type -> type.name().equals(value)).findFirst();
    }
}
