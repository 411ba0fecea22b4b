package hu.ugyfelportal.keycloak.dap.service;

import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Keycloak's store as far as DÁP uses it, with Infinispan's expiry by Keycloak's clock (a test moves it with
 * {@code Time.setOffset}): {@code put} gives an entry its lifespan, {@code replace} without one keeps it for ever, as
 * Keycloak 26.7.3's {@code InfinispanSingleUseObjectProvider.replace} does (Infinispan's {@code replace(key, value)}).
 */
public final class MapStore implements SingleUseObjectProvider {

    private final Map<String, Map<String, String>> entries;
    private final Map<String, Long> expiresAtMillis = new HashMap<>();

    public MapStore(Map<String, Map<String, String>> entries) {
        this.entries = entries;
    }

    @Override
    public void put(String key, long lifespanSeconds, Map<String, String> notes) {
        if (lifespanSeconds <= 0) {
            throw new IllegalArgumentException("lifespanSeconds must be positive");
        }
        entries.put(key, Map.copyOf(notes));
        expiresAtMillis.put(key, Time.currentTimeMillis() + lifespanSeconds * 1000);
    }

    @Override
    public Map<String, String> get(String key) {
        expire(key);
        return entries.get(key);
    }

    @Override
    public Map<String, String> remove(String key) {
        expire(key);
        expiresAtMillis.remove(key);
        return entries.remove(key);
    }

    @Override
    public boolean replace(String key, Map<String, String> notes) {
        expire(key);
        if (entries.replace(key, notes) == null) {
            return false;
        }
        expiresAtMillis.put(key, Long.MAX_VALUE);
        return true;
    }

    @Override
    public boolean putIfAbsent(String key, long lifespanInSeconds) {
        expire(key);
        if (entries.putIfAbsent(key, Map.of()) != null) {
            return false;
        }
        expiresAtMillis.put(key, Time.currentTimeMillis() + lifespanInSeconds * 1000);
        return true;
    }

    @Override
    public boolean contains(String key) {
        expire(key);
        return entries.containsKey(key);
    }

    @Override
    public void close() {
    }

    private void expire(String key) {
        Long expiresAt = expiresAtMillis.get(key);
        if (expiresAt != null && Time.currentTimeMillis() >= expiresAt) {
            entries.remove(key);
            expiresAtMillis.remove(key);
        }
    }
}
