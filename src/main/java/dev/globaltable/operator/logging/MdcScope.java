package dev.globaltable.operator.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * MDC entries for the length of a try-with-resources block: {@link #close()} puts back what each key held before (or
 * removes it), so nothing leaks into the next resource handled on the same thread and an outer scope's values (e.g.
 * the reconciler's around the gateway's) survive an inner one. Not thread-safe: open and close it on one thread.
 */
public final class MdcScope implements AutoCloseable {
  /** Key -> the value it had before this scope first set it (null: absent). */
  private final Map<String, String> previous = new LinkedHashMap<>();

  private MdcScope() {}

  /** An empty scope to add entries to. */
  public static MdcScope open() {
    return new MdcScope();
  }

  /** Sets {@code key} for this scope; a null value leaves the key as it is. */
  public MdcScope put(String key, String value) {
    if (value != null) {
      if (!previous.containsKey(key)) {
        previous.put(key, MDC.get(key));
      }
      MDC.put(key, value);
    }
    return this;
  }

  /** Sets {@code key} for this scope only where nothing set it already (an outer scope or the framework). */
  public MdcScope putIfAbsent(String key, String value) {
    return MDC.get(key) == null ? put(key, value) : this;
  }

  @Override
  public void close() {
    previous.forEach((key, value) -> {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    });
    previous.clear();
  }
}
