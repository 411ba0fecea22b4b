package hu.ugyfelportal.demoportal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortalPagesTest {

    @Test
    void showsTheChosenClientWithTheTypesNameAndEscapesWhatAdministratorsTyped() {
        String page = PortalPages.customer(Map.of("client_number", "20000001", "client_type", "CEG",
                "client_name", "<script>alert(1)</script> & Társa"));

        assertThat(page).contains("<dd id=\"portal-client-number\">20000001</dd>",
                        "<dd id=\"portal-client-type\">Cég</dd>",
                        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Társa",
                        "Másik Ügyfél kiválasztásához ismét be kell jelentkeznie.", "lang=\"hu\"")
                .doesNotContain("<script>");
    }
}
