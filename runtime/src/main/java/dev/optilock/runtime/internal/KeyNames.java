package dev.optilock.runtime.internal;

import dev.optilock.runtime.CompositeKey;
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

  /**
   * {@code Article[id=42]} or, for a composite key, {@code OrderLine[orderId=7, lineNo=2]}, for
   * exception messages: a value of more than {@value #DESCRIBED_CHARS} characters is cut there and
   * followed by its length, so that a long text key does not make a long message.
   */
  public static String describe(Class<?> entityType, Object id) {
    String entityName = entityType.getSimpleName();
    if (!(id instanceof CompositeKey key)) {
      return entityName + "[" + of(entityType) + "=" + shortened(id) + "]";
    }
    StringBuilder text = new StringBuilder(entityName).append('[');
    for (int i = 0; i < key.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(key.names().get(i)).append('=').append(shortened(key.get(i)));
    }
    return text.append(']').toString();
  }

  /** The most characters of one key value that {@link #describe} shows. */
  public static final int DESCRIBED_CHARS = 100;

  private static String shortened(Object value) {
    String text = String.valueOf(value);
    return text.length() <= DESCRIBED_CHARS
        ? text
        : text.substring(0, DESCRIBED_CHARS) + "...(" + text.length() + " characters)";
  }
}
