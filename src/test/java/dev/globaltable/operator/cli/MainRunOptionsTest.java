package dev.globaltable.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.globaltable.operator.logging.LogSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code run} up to starting the operator ({@link Main#run(String[], PrintStream, PrintStream, Main.Starter)}). */
class MainRunOptionsTest {
  private final List<Map<String, String>> started = new ArrayList<>();

  private record Run(int code, String out, String err) {}

  @BeforeEach
  @AfterEach
  void noLogProperties() {
    System.clearProperty(LogSettings.FORMAT);
    System.clearProperty(LogSettings.LEVEL);
  }

  private Run run(String... args) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(LogSettings.FORMAT) == null
        && System.getenv(LogSettings.LEVEL) == null, "GT_LOG_FORMAT/GT_LOG_LEVEL set in the environment");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), started::add);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownLogFormatIsRefusedWithExitTwoNamingTheAllowedOnes() throws Exception {
    Run r = run("--log-format", "xml");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("globaltable-operator: unknown log format \"xml\" (--log-format / GT_LOG_FORMAT): "
        + "use one of text, json" + System.lineSeparator());
    assertThat(r.out()).isEmpty();
    assertThat(started).isEmpty();
    assertThat(System.getProperty(LogSettings.FORMAT)).isNull();
  }

  @Test
  void anUnknownLogLevelIsRefusedAndSetsNothing() throws Exception {
    Run r = run("--log-format", "json", "--log-level", "verbose");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("globaltable-operator: unknown log level \"verbose\" (--log-level / GT_LOG_LEVEL): "
        + "use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF" + System.lineSeparator());
    assertThat(started).isEmpty();
    assertThat(System.getProperty(LogSettings.FORMAT)).as("nothing applied when one value is refused").isNull();
    assertThat(System.getProperty(LogSettings.LEVEL)).isNull();
  }

  @Test
  void theLogFlagsBecomeTheSystemPropertiesLogbackXmlReadsBeforeTheOperatorStarts() throws Exception {
    Run r = run("--log-format", "JSON", "--log-level", "debug", "--threads", "2");

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(started).containsExactly(Map.of("--log-format", "JSON", "--log-level", "debug", "--threads", "2"));
    assertThat(System.getProperty("GT_LOG_FORMAT")).isEqualTo("json");
    assertThat(System.getProperty("GT_LOG_LEVEL")).isEqualTo("DEBUG");
  }

  @Test
  void withoutLogFlagsNothingIsSetAndLogbackXmlKeepsItsDefaults() throws Exception {
    Run r = run();

    assertThat(r.code()).isZero();
    assertThat(started).containsExactly(Map.of());
    assertThat(System.getProperty(LogSettings.FORMAT)).isNull();
    assertThat(System.getProperty(LogSettings.LEVEL)).isNull();
  }

  @Test
  void anUnknownOptionIsExitTwoAndHelpListsTheLogFlags() throws Exception {
    Run bad = run("--log", "json");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("globaltable-operator: unknown or incomplete option: --log (see --help)"
        + System.lineSeparator());
    assertThat(started).isEmpty();

    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains(
        "  --log-format text|json      GT_LOG_FORMAT            log lines as text or one JSON object each (text)",
        "  --log-level LEVEL           GT_LOG_LEVEL             TRACE, DEBUG, INFO, WARN, ERROR or OFF (INFO)");
    assertThat(started).isEmpty();
  }

  @Test
  void wrongNumbersAndLeaderElectionValuesAreExitTwoNamingTheFlagAndItsVariable() throws Exception {
    assertThat(run("--metrics-port", "70000").err()).isEqualTo("globaltable-operator: --metrics-port (GT_METRICS_PORT) "
        + "must be a whole number from 0 to 65535, got: 70000" + System.lineSeparator());
    assertThat(run("--threads", "five").err()).isEqualTo("globaltable-operator: --threads (GT_RECONCILE_THREADS) must "
        + "be a whole number from 1 to 100, got: five" + System.lineSeparator());
    Run r = run("--leader-election", "yes");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("globaltable-operator: --leader-election (GT_LEADER_ELECTION) must be true or false, "
        + "got: yes" + System.lineSeparator());
    assertThat(started).isEmpty();
  }

  @Test
  void leaderElectionIsOnByDefaultWithProductionTimingsAndOffOnlyWhenSaidSo() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("GT_LEADER_ELECTION") == null
        && System.getenv("GT_LEASE_NAME") == null && System.getenv("GT_LEASE_NAMESPACE") == null);
    var byDefault = Main.leaderElection(Main.parse(new String[0]));
    assertThat(byDefault).isEqualTo(new dev.globaltable.operator.reconcile.LeaderElection("globaltable-operator", null,
        null, java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(2),
        true));
    assertThat(Main.leaderElection(Main.parse(new String[] {"--lease-name", "gto", "--lease-namespace", "ops"})))
        .extracting(e -> e.leaseName() + "@" + e.leaseNamespace()).isEqualTo("gto@ops");
    assertThat(Main.leaderElection(Main.parse(new String[] {"--leader-election", "FALSE"}))).isNull();
  }
}
