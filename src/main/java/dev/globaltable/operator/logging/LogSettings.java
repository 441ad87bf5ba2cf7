package dev.globaltable.operator.logging;

import java.util.List;
import java.util.Locale;

/**
 * The log format and level the operator starts with. logback.xml reads the variables {@value #FORMAT} and
 * {@value #LEVEL}; logback looks each one up as a system property first and then in the environment, so {@link #apply}
 * (the {@code run} flags) wins over the environment. It must run before the first logger is created: logback reads its
 * configuration once, when SLF4J is first used.
 */
public final class LogSettings {
  private LogSettings() {}

  /** Environment variable (and system property) naming the format: text (default) or json. */
  public static final String FORMAT = "GT_LOG_FORMAT";
  /** Environment variable (and system property) naming the root level (default INFO). */
  public static final String LEVEL = "GT_LOG_LEVEL";
  public static final List<String> FORMATS = List.of("text", "json");
  public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** {@code value} as logback.xml expects it (lower case), or IllegalArgumentException naming the allowed values. */
  public static String format(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(v)) {
      throw new IllegalArgumentException("unknown log format \"" + value + "\" (--log-format / " + FORMAT
          + "): use one of " + String.join(", ", FORMATS));
    }
    return v;
  }

  /** {@code value} in upper case, or IllegalArgumentException naming the allowed values (logback would silently
   * take an unknown level as DEBUG). */
  public static String level(String value) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(v)) {
      throw new IllegalArgumentException("unknown log level \"" + value + "\" (--log-level / " + LEVEL
          + "): use one of " + String.join(", ", LEVELS));
    }
    return v;
  }

  /**
   * Checks both values (null: not given, logback.xml's default applies) and only then sets them as system properties,
   * so a refused value changes nothing.
   */
  public static void apply(String format, String level) {
    String f = format == null ? null : format(format);
    String l = level == null ? null : level(level);
    if (f != null) {
      System.setProperty(FORMAT, f);
    }
    if (l != null) {
      System.setProperty(LEVEL, l);
    }
  }
}
