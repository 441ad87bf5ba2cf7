package dev.globaltable.operator.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The structured fields of an event for the text format (logback.xml, conversion word {@code gtFields}):
 * <ul>
 *   <li>{@code %gtFields{context}}: the step's MDC entries as {@code [resource=ns/name table=.. region=.. step=".."
 *       service=.. operation=..] } (trailing space), only the keys present, in that order; nothing when none is;</li>
 *   <li>{@code %gtFields{kvp}}: the event's SLF4J key-values as {@code " key=value ..."} (leading space); nothing when
 *       there are none.</li>
 * </ul>
 * A value is quoted ({@code "..."} with {@code \} and {@code "} escaped) when it is empty or holds a space, quote,
 * equals sign or control character, so every line splits back into its fields.
 */
public final class TextFieldsConverter extends ClassicConverter {
  private boolean keyValues;

  @Override
  public void start() {
    String option = getFirstOption();
    if (option == null || option.equals("context")) {
      keyValues = false;
    } else if (option.equals("kvp")) {
      keyValues = true;
    } else {
      addError("gtFields takes {context} or {kvp}, not {" + option + "}");
      return;
    }
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    return keyValues ? keyValues(event.getKeyValuePairs()) : context(event.getMDCPropertyMap());
  }

  static String context(Map<String, String> mdc) {
    if (mdc == null || mdc.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    String name = mdc.get(LogFields.RESOURCE_NAME);
    if (name != null) {
      String namespace = mdc.get(LogFields.RESOURCE_NAMESPACE);
      field(b, "resource", namespace == null ? name : namespace + "/" + name);
    }
    for (String key : LogFields.STEP_KEYS) {
      String value = mdc.get(key);
      if (value != null) {
        field(b, key, value);
      }
    }
    return b.length() == 0 ? "" : "[" + b + "] ";
  }

  static String keyValues(List<KeyValuePair> pairs) {
    if (pairs == null || pairs.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (KeyValuePair p : pairs) {
      b.append(' ').append(p.key).append('=').append(quoted(String.valueOf(p.value)));
    }
    return b.toString();
  }

  private static void field(StringBuilder b, String key, String value) {
    if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
      b.append(' ');
    }
    b.append(key).append('=').append(quoted(value));
  }

  static String quoted(String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c != 0x7f;
    }
    if (plain) {
      return value;
    }
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"', '\\' -> b.append('\\').append(c);
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
