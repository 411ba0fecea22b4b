package hu.ugyfelportal.it.support;

import java.util.List;
import java.util.Map;

/** A customer of the realm created as an administrator would (username = a fresh e-mail address, a password). */
public record Customer(String id, String email) {

    /** With one client number: the chooser then passes without a page, so tests of other steps reach the portal. */
    public static Customer withOneClientNumber(TestEnvironment env, String prefix, String password) {
        String email = AdminApi.uniqueEmail(prefix);
        return new Customer(env.admin().createUser(email, password, AdminApi.oneClientNumber()), email);
    }

    /** With the given client numbers, each {@code "number | TYPE | name"}. */
    public static Customer withClientNumbers(TestEnvironment env, String prefix, String password,
                                             String... clientNumbers) {
        String email = AdminApi.uniqueEmail(prefix);
        return new Customer(env.admin().createUser(email, password, Map.of("ugyfelszam", List.of(clientNumbers))),
                email);
    }

    /** With a private-person and a company number: the chooser comes after the code. */
    public static Customer withTwoClientNumbers(TestEnvironment env, String prefix, String password) {
        return withClientNumbers(env, prefix, password,
                "38000001 | MAGANSZEMELY | Teszt Ügyfél", "38000002 | CEG | Teszt Kft.");
    }
}
