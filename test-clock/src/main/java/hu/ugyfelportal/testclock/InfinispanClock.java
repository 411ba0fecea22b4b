package hu.ugyfelportal.testclock;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

import java.lang.reflect.Method;
import java.util.Set;

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

    private static final String ADVANCED_CACHE = "org.infinispan.AdvancedCache";
    private static final String EXPIRATION_MANAGER = "org.infinispan.expiration.ExpirationManager";

    private static boolean following;

    private InfinispanClock() {
    }

    static synchronized void followKeycloakClock(KeycloakSession session) {
        if (following) {
            return;
        }
        try {
            ClassLoader loader = InfinispanClock.class.getClassLoader();
            Object manager = cacheManager(session, loader);
            Class.forName(UTIL, true, loader)
                    .getMethod("setTimeServiceToKeycloakTime", Class.forName(CACHE_MANAGER, true, loader))
                    .invoke(null, manager);
            following = true;
            LOG.info("Test clock: the embedded Infinispan now expires entries by Keycloak's clock");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot make Infinispan follow Keycloak's clock", e);
        }
    }

    /**
     * Removes the expired entries of every cache now, as Infinispan's reaper would on its next round (every 5 min for
     * {@code actionTokens}), so a test reads what is left without waiting for it.
     */
    static void removeExpiredEntries(KeycloakSession session) {
        try {
            ClassLoader loader = InfinispanClock.class.getClassLoader();
            Object manager = cacheManager(session, loader);
            Class<?> managerType = Class.forName(CACHE_MANAGER, true, loader);
            Method getCache = managerType.getMethod("getCache", String.class);
            Method advanced = Class.forName(CACHE, true, loader).getMethod("getAdvancedCache");
            Method expiration = Class.forName(ADVANCED_CACHE, true, loader).getMethod("getExpirationManager");
            Method process = Class.forName(EXPIRATION_MANAGER, true, loader).getMethod("processExpiration");
            for (Object name : (Set<?>) managerType.getMethod("getCacheNames").invoke(manager)) {
                Object cache = getCache.invoke(manager, name);
                process.invoke(expiration.invoke(advanced.invoke(cache)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot remove Infinispan's expired entries", e);
        }
    }

    private static Object cacheManager(KeycloakSession session, ClassLoader loader) throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        Class<? extends Provider> providerType = (Class<? extends Provider>) Class.forName(PROVIDER, true, loader);
        Object provider = session.getProvider(providerType);
        Object cache = providerType.getMethod("getCache", String.class).invoke(provider, SOME_CACHE);
        return Class.forName(CACHE, true, loader).getMethod("getCacheManager").invoke(cache);
    }
}
