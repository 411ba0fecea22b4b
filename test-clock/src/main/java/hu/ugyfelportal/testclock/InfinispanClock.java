package hu.ugyfelportal.testclock;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * Makes the embedded Infinispan expire entries by Keycloak's clock, so a moved clock also ends the lifetimes the
 * stores keep (action tokens, authentication sessions, single-use objects), as Keycloak's testsuite does
 * ({@code InfinispanTimeUtil}). Through reflection: keycloak-model-infinispan 26.7.3 is not on Maven Central to
 * compile against, and this JAR only ever runs in the test server, where the class is.
 */
final class InfinispanClock {

    private static final Logger LOG = Logger.getLogger(InfinispanClock.class);
    private static final String PROVIDER = "org.keycloak.connections.infinispan.InfinispanConnectionProvider";
    private static final String UTIL = "org.keycloak.connections.infinispan.InfinispanUtil";
    private static final String CACHE = "org.infinispan.Cache";
    private static final String CACHE_MANAGER = "org.infinispan.manager.EmbeddedCacheManager";
    /** Any cache of the embedded manager will do; the time service is the manager's. */
    private static final String SOME_CACHE = "authenticationSessions";

    private static boolean following;

    private InfinispanClock() {
    }

    static synchronized void followKeycloakClock(KeycloakSession session) {
        if (following) {
            return;
        }
        try {
            ClassLoader loader = InfinispanClock.class.getClassLoader();
            @SuppressWarnings("unchecked")
            Class<? extends Provider> providerType = (Class<? extends Provider>) Class.forName(PROVIDER, true, loader);
            Object provider = session.getProvider(providerType);
            Object cache = providerType.getMethod("getCache", String.class).invoke(provider, SOME_CACHE);
            Object manager = Class.forName(CACHE, true, loader).getMethod("getCacheManager").invoke(cache);
            Class.forName(UTIL, true, loader)
                    .getMethod("setTimeServiceToKeycloakTime", Class.forName(CACHE_MANAGER, true, loader))
                    .invoke(null, manager);
            following = true;
            LOG.info("Test clock: the embedded Infinispan now expires entries by Keycloak's clock");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot make Infinispan follow Keycloak's clock", e);
        }
    }
}
