package dev.globaltable.operator.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The events of one logger (and those below it) at {@code level} and above, for as long as it is open: attached to the
 * test JVM's logback context, with the logger's level raised or lowered to {@code level} and its events kept away from
 * the console (additivity off); {@link #close()} puts the logger back as it was. Each event's MDC is copied when it is
 * logged, on the thread that logged it.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousAdditive;

  private CapturedLogs(String loggerName, Level level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    this.logger = context.getLogger(loggerName);
    this.previousLevel = logger.getLevel();
    this.previousAdditive = logger.isAdditive();
    setContext(context);
    setName("captured-" + loggerName);
    start();
    logger.addAppender(this);
    logger.setLevel(level);
    logger.setAdditive(false);
  }

  public static CapturedLogs of(String loggerName, Level level) {
    return new CapturedLogs(loggerName, level);
  }

  @Override
  protected void append(ILoggingEvent event) {
    // Why: the MDC and the caller data are read lazily from the current thread otherwise.
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  /** The events whose formatted message starts with {@code prefix}. */
  public List<ILoggingEvent> startingWith(String prefix) {
    return events.stream().filter(e -> e.getFormattedMessage().startsWith(prefix)).toList();
  }

  /** An event's SLF4J key-values as a map (key -> value as text). */
  public static Map<String, String> keyValues(ILoggingEvent e) {
    List<KeyValuePair> pairs = e.getKeyValuePairs();
    return pairs == null ? Map.of()
        : pairs.stream().collect(Collectors.toMap(p -> p.key, p -> String.valueOf(p.value)));
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    logger.setLevel(previousLevel);
    logger.setAdditive(previousAdditive);
    stop();
  }
}
