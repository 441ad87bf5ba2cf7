package dev.globaltable.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRD committed in crds/ is exactly what the build generates from the api classes. */
class CrdUpToDateTest {
  static final String FILE = "globaltables.dynamodb.globaltable.dev-v1.yml";
  static final Path COMMITTED = Path.of("crds", FILE);

  @Test
  void committedCrdMatchesTheGeneratedOne() throws IOException {
    Path generated = CrdFiles.generated();
    assertThat(generated).as("generated CRD META-INF/fabric8/" + FILE + " on the classpath (run mvn "
        + "process-test-classes)").isNotNull();
    String expected = Files.readString(generated);
    String actual = Files.readString(COMMITTED);
    assertThat(actual)
        .as("crds/ is stale: run mvn process-test-classes and copy " + generated + " to " + COMMITTED)
        .isEqualTo(expected);
  }

  @Test
  void printerColumnsAreInTheOrderKubectlShouldShowThem() throws IOException {
    JsonNode version = CrdFiles.load(COMMITTED).path("spec").path("versions").get(0);
    List<String> columns = new ArrayList<>();
    for (JsonNode column : version.path("additionalPrinterColumns")) {
      columns.add(column.path("name").asText() + "/" + column.path("priority").asInt());
    }
    assertThat(columns).containsExactly(
        "Table/0", "Regions/0", "Billing/0", "Ready/0", "Reason/0", "Age/0", "Next/1", "ARN/1");
  }

  @Test
  void crdNamesShortNamesAndCategories() throws IOException {
    JsonNode spec = CrdFiles.load(COMMITTED).path("spec");
    assertThat(spec.path("group").asText()).isEqualTo("dynamodb.globaltable.dev");
    assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
    assertThat(spec.path("names").path("shortNames").toString()).isEqualTo("[\"gt\",\"gtable\"]");
    assertThat(spec.path("names").path("categories").toString()).isEqualTo("[\"dynamodb\",\"aws\"]");
    JsonNode version = spec.path("versions").get(0);
    assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
    assertThat(version.path("subresources").has("status")).isTrue();
  }
}
