package dev.globaltable.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart installs the same CRD the build generates (helm installs charts' crds/ verbatim, never templated). */
class HelmChartCrdTest {
  @Test
  void chartCrdIsTheGeneratedCrd() throws Exception {
    Path generated = Path.of("crds", "globaltables.dynamodb.globaltable.dev-v1.yml");
    Path chart = Path.of("helm", "globaltable-operator", "crds", "globaltables.dynamodb.globaltable.dev-v1.yml");
    assertThat(Files.readString(chart))
        .as("helm chart CRD is stale: copy %s to %s", generated, chart)
        .isEqualTo(Files.readString(generated));
  }
}
