package dev.globaltable.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The shipped src/main/resources/logback.xml, loaded into a fresh logback context (not the tests' own configuration)
 * with GT_LOG_FORMAT and GT_LOG_LEVEL as context properties: which format and level it picks, and the exact bytes its
 * console appender writes for an event with a step's MDC and key-values.
 */
class LogbackConfigTest {
  private static final Path CONFIG = Path.of("src", "main", "resources", "logback.xml");
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void noOverrideFromTheEnvironment() {
    // Why: the defaults below are only the defaults when nothing outside the test chose a format or level.
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(LogSettings.FORMAT) == null
        && System.getenv(LogSettings.LEVEL) == null && System.getProperty(LogSettings.FORMAT) == null
        && System.getProperty(LogSettings.LEVEL) == null, "GT_LOG_FORMAT/GT_LOG_LEVEL set outside the test");
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  /** A context configured from the real logback.xml with these properties, and the events its root logger gets. */
  private static final class Configured {
    final LoggerContext context = new LoggerContext();
    final List<ILoggingEvent> events = new ArrayList<>();

    Configured(Map<String, String> properties) throws Exception {
      // Why: MDC.put goes to SLF4J's MDC adapter; a fresh context must read the same one.
      context.setMDCAdapter(MDC.getMDCAdapter());
      properties.forEach(context::putProperty);
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(CONFIG.toFile());
      AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
          e.prepareForDeferredProcessing();
          events.add(e);
        }
      };
      capture.setContext(context);
      capture.start();
      root().addAppender(capture);
    }

    Logger root() {
      return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @SuppressWarnings("unchecked")
    ConsoleAppender<ILoggingEvent> out() {
      Appender<ILoggingEvent> a = root().getAppender("out");
      assertThat(a).isInstanceOf(ConsoleAppender.class);
      return (ConsoleAppender<ILoggingEvent>) a;
    }

    /** What the configured console appender writes for the event. */
    String written(ILoggingEvent e) {
      return new String(out().getEncoder().encode(e), StandardCharsets.UTF_8);
    }

    List<String> statusAtWarnOrAbove() {
      return context.getStatusManager().getCopyOfStatusList().stream()
          .filter(s -> s.getEffectiveLevel() >= Status.WARN).map(Status::getMessage).toList();
    }
  }

  /** Logs the accepted CreateTable the way the gateway does, inside a step's MDC. */
  private static ILoggingEvent logStep(Configured c) {
    MDC.put("resource.namespace", "default");
    MDC.put("resource.name", "orders");
    MDC.put("table", "Orders");
    MDC.put("region", "us-east-1");
    MDC.put("step", "create table Orders in us-east-1");
    MDC.put("service", "dynamodb");
    MDC.put("operation", "CreateTable");
    c.context.getLogger("dev.globaltable.operator.aws.SdkAwsGateway").atWarn().addKeyValue("kind", "RETRY")
        .addKeyValue("errorCode", "ThrottlingException").log("refused {}: {}", "CreateTable", "Rate exceeded");
    MDC.clear();
    assertThat(c.events).hasSize(1);
    return c.events.get(0);
  }

  @Test
  void jsonIsOneObjectPerLineWithTheStepInItsMdcAndNoNoise() throws Exception {
    Configured c = new Configured(Map.of("GT_LOG_FORMAT", "json"));
    assertThat(c.statusAtWarnOrAbove()).isEmpty();
    assertThat(c.out().getEncoder()).isInstanceOf(JsonEncoder.class);
    assertThat(c.out().getTarget()).isEqualTo("System.err");
    assertThat(c.root().getLevel()).isEqualTo(Level.INFO);

    String written = c.written(logStep(c));

    assertThat(written).endsWith("\n");
    assertThat(written.lines()).hasSize(1);
    JsonNode line = JSON.readTree(written);
    List<String> fields = new ArrayList<>();
    line.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("timestamp", "level", "threadName", "loggerName", "mdc", "kvpList",
        "formattedMessage", "throwable");
    assertThat(line.get("timestamp").isIntegralNumber()).isTrue();
    assertThat(line.get("timestamp").asLong()).isPositive();
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("loggerName").asText()).isEqualTo("dev.globaltable.operator.aws.SdkAwsGateway");
    assertThat(line.get("formattedMessage").asText()).isEqualTo("refused CreateTable: Rate exceeded");
    assertThat(JSON.convertValue(line.get("mdc"), Map.class)).isEqualTo(Map.of("resource.namespace", "default",
        "resource.name", "orders", "table", "Orders", "region", "us-east-1", "step",
        "create table Orders in us-east-1", "service", "dynamodb", "operation", "CreateTable"));
    assertThat(line.get("mdc").get("region").asText()).isEqualTo("us-east-1");
    assertThat(line.get("kvpList").toString())
        .isEqualTo("[{\"kind\":\"RETRY\"},{\"errorCode\":\"ThrottlingException\"}]");
    assertThat(line.get("throwable").isNull()).isTrue();
  }

  @Test
  void textIsOneLineWithTheStepBeforeTheMessageAndTheKeyValuesAfter() throws Exception {
    Configured c = new Configured(Map.of());
    assertThat(c.statusAtWarnOrAbove()).isEmpty();
    assertThat(c.out().getEncoder()).isNotInstanceOf(JsonEncoder.class);
    assertThat(c.out().getTarget()).isEqualTo("System.err");

    String written = c.written(logStep(c));

    assertThat(written).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  "
        + "d\\.g\\.operator\\.aws\\.SdkAwsGateway \\[resource=default/orders table=Orders region=us-east-1 "
        + "step=\"create table Orders in us-east-1\" service=dynamodb operation=CreateTable\\] "
        + "refused CreateTable: Rate exceeded kind=RETRY errorCode=ThrottlingException\n");
  }

  @Test
  void textWithoutMdcOrKeyValuesIsJustTheMessage() throws Exception {
    Configured c = new Configured(Map.of("GT_LOG_FORMAT", "text"));
    c.context.getLogger("io.javaoperatorsdk.operator.Operator").info("Client version: {}", "7.5.2");

    assertThat(c.written(c.events.get(0))).matches(
        "\\S+ INFO  i\\.javaoperatorsdk\\.operator\\.Operator Client version: 7\\.5\\.2\n");
  }

  @Test
  void theLevelComesFromGtLogLevelAndTwoFrameworkWarningsAreOff() throws Exception {
    assertThat(new Configured(Map.of()).root().getLevel()).isEqualTo(Level.INFO);
    Configured debug = new Configured(Map.of("GT_LOG_LEVEL", "DEBUG", "GT_LOG_FORMAT", "json"));
    assertThat(debug.root().getLevel()).isEqualTo(Level.DEBUG);
    assertThat(debug.context.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils")
        .getEffectiveLevel()).isEqualTo(Level.ERROR);
    assertThat(debug.context.getLogger("io.javaoperatorsdk.operator.processing.event.EventProcessor")
        .getEffectiveLevel()).isEqualTo(Level.ERROR);
    assertThat(new Configured(Map.of("GT_LOG_LEVEL", "WARN")).root().getLevel()).isEqualTo(Level.WARN);
  }
}
