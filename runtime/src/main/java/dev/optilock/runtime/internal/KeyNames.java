package dev.optilock.runtime.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name of each entity type's single key field, for messages: {@code Account[code=A-1]} rather
 * than {@code Account[id=A-1]}. A repository's {@link Engine} registers its entity's key name when
 * the key is not called {@code id}; a composite key names its parts itself. Not for users.
 */
public final class KeyNames {
  private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

  private KeyNames() {}

  /** Records the name of {@code entityType}'s key field; {@code id} needs no record. */
  public static void register(Class<?> entityType, String name) {
    if (!"id".equals(name)) {
      NAMES.put(entityType, name);
    }
  }

  /** The name of {@code entityType}'s key field: {@code id} unless a repository said otherwise. */
  public static String of(Class<?> entityType) {
    return NAMES.getOrDefault(entityType, "id");
  }
}
