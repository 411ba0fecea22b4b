package hu.ugyfelportal.testclock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;

import java.util.Map;

/**
 * {@code /realms/master/test-clock}: reads and sets the offset of Keycloak's clock ({@link Time#setOffset}), as
 * Keycloak's own testsuite does with its {@code testing-timeoffset} resource, but only for the master realm's
 * administrator (a bearer token with the {@code admin} role), so a test server's clock is never anyone's to move.
 */
public final class TestClockResource implements RealmResourceProvider {

    static final String OFFSET = "offset";

    private final KeycloakSession session;

    TestClockResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    // The path as Keycloak's own testing resources give it: without one, Quarkus REST answers 405.
    @GET
    @Path("/")
    public Response offset() {
        Response refusal = refusalUnlessAdministrator();
        return refusal != null ? refusal : Response.ok(Map.of(OFFSET, Time.getOffset()), MediaType.APPLICATION_JSON).build();
    }

    @PUT
    @Path("/")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setOffset(Map<String, Integer> body) {
        Response refusal = refusalUnlessAdministrator();
        if (refusal != null) {
            return refusal;
        }
        Integer seconds = body == null ? null : body.get(OFFSET);
        if (seconds == null) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        InfinispanClock.followKeycloakClock(session);
        Time.setOffset(seconds);
        return Response.ok(Map.of(OFFSET, Time.getOffset()), MediaType.APPLICATION_JSON).build();
    }

    /** Infinispan's expired entries, removed now instead of at its reaper's next round. */
    @POST
    @Path("/remove-expired")
    public Response removeExpired() {
        Response refusal = refusalUnlessAdministrator();
        if (refusal != null) {
            return refusal;
        }
        InfinispanClock.removeExpiredEntries(session);
        return Response.noContent().build();
    }

    private Response refusalUnlessAdministrator() {
        RealmModel realm = session.getContext().getRealm();
        if (!Config.getAdminRealm().equals(realm.getName())) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        if (!auth.user().hasRole(realm.getRole(AdminRoles.ADMIN))) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        return null;
    }

    @Override
    public void close() {
    }
}
