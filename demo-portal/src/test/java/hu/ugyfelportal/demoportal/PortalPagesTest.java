package hu.ugyfelportal.demoportal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortalPagesTest {

    @Test
    void showsTheChosenClientWithTheTypesNameAndEscapesWhatAdministratorsTyped() {
        String page = PortalPages.customer(Map.of("client_number", "20000001", "client_type", "CEG",
                "client_name", "<script>alert(1)</script> & Társa"), "http://kc/realms/r/account?referrer=a&referrer_uri=b", null);

        assertThat(page).contains("<dd id=\"portal-client-number\">20000001</dd>",
                        "<dd id=\"portal-client-type\">Cég</dd>",
                        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Társa",
                        "Másik Ügyfél kiválasztásához ismét be kell jelentkeznie.", "lang=\"hu\"",
                        "href=\"http://kc/realms/r/account?referrer=a&amp;referrer_uri=b\"")
                .doesNotContain("<script>", "portal-link-dap", "portal-dap-link-status");
    }

    @Test
    void offersDapLinkingToADapClientTypeAndTellsKeycloaksLinkingStatusInItsOwnWords() {
        Map<String, Object> privatePerson = Map.of("client_number", "10000001", "client_type", "MAGANSZEMELY",
                "client_name", "Nagy Éva");

        assertThat(PortalPages.customer(privatePerson, "http://kc/account", "success"))
                .contains("href=\"/link-dap\"", "A DÁP összekötés sikerült.");
        assertThat(PortalPages.customer(privatePerson, "http://kc/account", "cancelled"))
                .contains("A DÁP összekötést megszakította");
        assertThat(PortalPages.customer(privatePerson, "http://kc/account", "<b>made up</b>"))
                .doesNotContain("portal-dap-link-status", "made up");
        assertThat(PortalPages.actionStatusQuery("error")).isEqualTo("?dap_link=error");
        assertThat(PortalPages.actionStatusQuery("anything else")).isEmpty();
        assertThat(PortalPages.actionStatusQuery(null)).isEmpty();
    }
}
