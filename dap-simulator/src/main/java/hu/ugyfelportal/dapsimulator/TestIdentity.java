package hu.ugyfelportal.dapsimulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A made-up person whose PID the simulator issues. The numbers are not real personal identifiers. */
public record TestIdentity(String id, String personalAdministrativeNumber, String familyName, String givenName,
                           String birthdate) {

    public static final List<TestIdentity> ALL = List.of(
            new TestIdentity("kovacs-janos", "DEV-000001", "Kovács", "János", "1975-03-14"),
            new TestIdentity("nagy-eva", "DEV-000002", "Nagy", "Éva", "1982-11-02"),
            new TestIdentity("szabo-peter", "DEV-000003", "Szabó", "Péter", "1990-07-21"),
            new TestIdentity("toth-anna", "DEV-000004", "Tóth", "Anna", "1968-01-30"),
            new TestIdentity("kiss-gabor", "DEV-000005", "Kiss", "Gábor", "2001-05-09"),
            new TestIdentity("horvath-zsofia", "DEV-000006", "Horváth", "Zsófia", "1979-09-17"),
            new TestIdentity("varga-laszlo", "DEV-000007", "Varga", "László", "1955-12-01"),
            new TestIdentity("molnar-katalin", "DEV-000008", "Molnár", "Katalin", "1993-04-25"),
            new TestIdentity("farkas-istvan", "DEV-000009", "Farkas", "István", "1987-08-08"),
            new TestIdentity("balogh-judit", "DEV-000010", "Balogh", "Judit", "1999-02-14"),
            new TestIdentity("papp-gergely", "DEV-000011", "Papp", "Gergely", "1984-06-12"),
            new TestIdentity("lakatos-eszter", "DEV-000012", "Lakatos", "Eszter", "1971-10-03"),
            new TestIdentity("szilagyi-marta", "DEV-000013", "Szilágyi", "Márta", "1966-04-19"),
            new TestIdentity("fekete-bence", "DEV-000014", "Fekete", "Bence", "1996-12-28"),
            new TestIdentity("szucs-dora", "DEV-000015", "Szűcs", "Dóra", "1989-07-07"),
            new TestIdentity("kelemen-reka", "DEV-000016", "Kelemen", "Réka", "1977-03-05"),
            new TestIdentity("bodnar-zoltan", "DEV-000017", "Bodnár", "Zoltán", "1981-08-23"),
            new TestIdentity("simon-agnes", "DEV-000018", "Simon", "Ágnes", "1970-02-11"),
            new TestIdentity("racz-tamas", "DEV-000019", "Rácz", "Tamás", "1994-11-30"),
            new TestIdentity("juhasz-mate", "DEV-000020", "Juhász", "Máté", "1986-05-18"),
            new TestIdentity("olah-lili", "DEV-000021", "Oláh", "Lili", "2003-09-27"));

    public static TestIdentity byId(String id) {
        return ALL.stream().filter(identity -> identity.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No test identity '" + id + "'"));
    }

    /** The PID claims, named as in the EU PID rulebook's SD-JWT VC encoding. */
    public Map<String, String> claims() {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("personal_administrative_number", personalAdministrativeNumber);
        claims.put("family_name", familyName);
        claims.put("given_name", givenName);
        claims.put("birthdate", birthdate);
        return claims;
    }

    public String displayName() {
        return familyName + " " + givenName + " (" + birthdate + ")";
    }
}
