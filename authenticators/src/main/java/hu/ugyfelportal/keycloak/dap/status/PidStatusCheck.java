package hu.ugyfelportal.keycloak.dap.status;

import hu.ugyfelportal.keycloak.common.StoredNotes;
import hu.ugyfelportal.keycloak.dap.protocol.IssuerTrust;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException.Problem;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import hu.ugyfelportal.keycloak.dap.protocol.StatusListToken;
import hu.ugyfelportal.keycloak.dap.protocol.StatusReference;
import hu.ugyfelportal.keycloak.dap.service.DapClock;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.StatusListSettings;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Honours a verified PID's {@code status.status_list}: its status list token is fetched, or taken from Keycloak's
 * cluster-wide {@link SingleUseObjectProvider} store where an earlier login (on any node) left it, verified with
 * the PID issuer's trust at every use, and read at the PID's index. A PID without {@code status} passes.
 * <p>
 * A stored copy is reused while it is fresh: for the list's {@code ttl}, at most {@code dapStatusListMaxCacheSeconds},
 * and never past its {@code exp}. When a fresh copy cannot be fetched, {@link StatusListSettings.FailurePolicy}
 * decides: refuse, or let the last good copy decide within the grace period after its fetch.
 */
public final class PidStatusCheck {

    private static final Logger LOG = Logger.getLogger(PidStatusCheck.class);
    private static final String KEY = "dap.statuslist.";
    private static final String TOKEN = "token";
    private static final String FETCHED_AT = "fetchedAt";
    /**
     * This node's verified copies: a memo of what the store holds, not login state (any node verifies for itself).
     * A few lists per issuer are in use at once; each is at most {@link StatusListSettings#MAX_LIST_BYTES} inflated.
     */
    private static final VerifiedStatusLists NODE_COPIES = new VerifiedStatusLists(16);

    private final DapConfig config;
    private final IssuerTrust trust;
    private final StatusListSettings settings;
    private final SingleUseObjectProvider store;
    private final StatusListFetcher fetcher;

    public PidStatusCheck(KeycloakSession session, DapConfig config) {
        this(session.singleUseObjects(), new StatusListFetcher(session.getProvider(HttpClientProvider.class).getHttpClient(),
                config.statusList()), config);
    }

    PidStatusCheck(SingleUseObjectProvider store, StatusListFetcher fetcher, DapConfig config) {
        this.config = config;
        this.trust = config.presentationVerifier().issuerTrust();
        this.settings = config.statusList();
        this.store = store;
        this.fetcher = fetcher;
    }

    /**
     * @param claims the verified PID's claims
     * @throws PidStatusException revoked, suspended, or the status cannot be established
     * @throws PresentationRejectedException a {@code status} claim we cannot read
     */
    public void check(Map<String, Object> claims) throws PresentationRejectedException {
        check(claims, DapClock.now());
    }

    void check(Map<String, Object> claims, Instant now) throws PresentationRejectedException {
        Optional<StatusReference> reference = StatusReference.of(claims);
        if (reference.isEmpty()) {
            return;
        }
        String issuer = claims.get("iss") == null ? null : claims.get("iss").toString();
        token(reference.get(), issuer, now).requireValid(reference.get());
    }

    private StatusListToken token(StatusReference reference, String issuer, Instant now) throws PidStatusException {
        String key = KEY + VerifiedStatusLists.sha256(reference.uri());
        Map<String, String> stored = store.get(key);
        // An entry this version cannot read (left by an older one) is as good as none.
        Optional<Instant> fetchedAt = Optional.ofNullable(stored)
                .flatMap(entry -> StoredNotes.number(entry.get(FETCHED_AT))).map(Instant::ofEpochSecond);
        Optional<StatusListToken> copy = fetchedAt.isEmpty() ? Optional.empty() : verifiedCopy(stored, reference, issuer, now);
        if (copy.isPresent() && isFresh(copy.get(), fetchedAt.get(), reference, now)) {
            return copy.get();
        }
        String fetched;
        try {
            fetched = fetcher.fetch(reference.uri());
        } catch (PidStatusException e) {
            if (e.problem() == Problem.LIST_UNAVAILABLE && copy.isPresent() && withinGrace(fetchedAt.get(), now)) {
                LOG.warnf("DÁP status list %s unreachable (%s); the copy fetched at %s decides, within the grace period",
                        reference.uri(), e.reason(), fetchedAt.get());
                return copy.get();
            }
            throw e;
        }
        StatusListToken token = verify(fetched, reference, issuer, now);
        keep(key, fetched, token, now);
        return token;
    }

    /** For its cache time, or the grace period when a last good copy may be needed and that is longer. */
    private void keep(String key, String fetched, StatusListToken token, Instant now) {
        long lifespan = Math.max(cacheSeconds(token),
                settings.failurePolicy() == StatusListSettings.FailurePolicy.LAST_GOOD_COPY ? settings.graceSeconds() : 0);
        if (lifespan > 0) {
            store.put(key, lifespan, Map.of(TOKEN, fetched, FETCHED_AT, String.valueOf(now.getEpochSecond())));
        }
    }

    /** Within its cache time, and long enough for the index: issuers grow their lists (TSL §13.4). */
    private boolean isFresh(StatusListToken copy, Instant fetchedAt, StatusReference reference, Instant now) {
        return now.isBefore(fetchedAt.plusSeconds(cacheSeconds(copy))) && reference.idx() < copy.list().size();
    }

    /** A stored copy that no longer verifies (expired, or the trust settings changed) is as good as none. */
    private Optional<StatusListToken> verifiedCopy(Map<String, String> stored, StatusReference reference, String issuer,
                                                   Instant now) {
        try {
            return Optional.of(verify(stored.get(TOKEN), reference, issuer, now));
        } catch (PidStatusException e) {
            LOG.debugf("Stored DÁP status list %s not used: %s", reference.uri(), e.reason());
            return Optional.empty();
        }
    }

    /** Verified and inflated once per copy on this node ({@link VerifiedStatusLists}). */
    private StatusListToken verify(String token, StatusReference reference, String issuer, Instant now)
            throws PidStatusException {
        return NODE_COPIES.verified(token, reference, issuer, trust, now, config.clockSkewSeconds(),
                () -> StatusListToken.verify(token, reference, issuer, trust, now, config.clockSkewSeconds(),
                        StatusListSettings.MAX_LIST_BYTES));
    }

    /** The list's ttl bounded by the setting; past its exp a copy no longer verifies, so it is not used either. */
    private long cacheSeconds(StatusListToken token) {
        return Math.min(token.ttl().orElse((long) settings.maxCacheSeconds()), settings.maxCacheSeconds());
    }

    private boolean withinGrace(Instant fetchedAt, Instant now) {
        return settings.failurePolicy() == StatusListSettings.FailurePolicy.LAST_GOOD_COPY
                && now.isBefore(fetchedAt.plusSeconds(settings.graceSeconds()));
    }
}
