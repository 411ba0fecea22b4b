package hu.ugyfelportal.keycloak.dap;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** Every DÁP answer, page or JSON, is for one login only: no cache may keep it. */
final class NoStore {

    private NoStore() {
    }

    static Response build(Response.ResponseBuilder response) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return response.cacheControl(noStore).build();
    }
}
