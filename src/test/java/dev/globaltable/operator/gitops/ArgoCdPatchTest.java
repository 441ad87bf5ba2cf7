package dev.globaltable.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The argocd-cm patch installs exactly config/argocd/health.lua (tested by src/test/lua/health_test.lua). */
class ArgoCdPatchTest {
  static final String KEY = "resource.customizations.health.dynamodb.globaltable.dev_GlobalTable";

  @Test
  void thePatchCarriesTheHealthScriptVerbatimUnderArgoCdsKey() throws IOException {
    ConfigMap patch;
    try (InputStream in = Files.newInputStream(Path.of("config", "argocd", "argocd-cm-patch.yaml"))) {
      patch = Serialization.unmarshal(in, ConfigMap.class);
    }
    String script = Files.readString(Path.of("config", "argocd", "health.lua"), StandardCharsets.UTF_8);

    assertThat(patch.getMetadata().getName()).isEqualTo("argocd-cm");
    assertThat(patch.getData()).containsOnlyKeys(KEY);
    assertThat(patch.getData().get(KEY))
        .as("config/argocd/argocd-cm-patch.yaml must embed config/argocd/health.lua unchanged (indent it by four "
            + "spaces under the key)")
        .isEqualTo(script);
  }

  @Test
  void theScriptReturnsItsTableAndUsesNoLibraryArgoCdLeavesClosed() throws IOException {
    String script = Files.readString(Path.of("config", "argocd", "health.lua"), StandardCharsets.UTF_8);
    assertThat(script.strip()).endsWith("return hs");
    // Argo CD opens only base, table and a safe os; string.*, ("x"):method(), math, io and debug are not there.
    assertThat(script).doesNotContain("string.", "math.", "io.", "debug.", "require(", "):");
  }
}
