package dev.globaltable.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kustomize config (config/) and the Helm chart (helm/globaltable-operator) install the same operator: the same
 * RBAC rules, the same hardened container, the same defaults. A change to one without the other fails here.
 */
class RbacConsistencyTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A Helm template as YAML: template-only lines dropped, "{{ ... }}" values replaced by a placeholder. */
  private static JsonNode template(String file) throws Exception {
    String text = Files.readAllLines(Path.of("helm", "globaltable-operator", "templates", file)).stream()
        .filter(l -> !l.trim().startsWith("{{"))
        .map(l -> l.replaceAll("\\{\\{[^}]*}}", "TEMPLATED"))
        .collect(Collectors.joining("\n"));
    return YAML.readTree(text);
  }

  private static List<JsonNode> documents(Path file) throws Exception {
    return YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll();
  }

  @Test
  void theClusterRoleRulesAreTheSameInTheChartAndTheKustomizeConfig() throws Exception {
    JsonNode chart = template("clusterrole.yaml").get("rules");
    JsonNode kustomize = documents(Path.of("config", "rbac", "role.yaml")).get(0).get("rules");
    assertThat(kustomize).isEqualTo(chart);
    assertThat(kustomize).hasSize(4);
  }

  @Test
  void theLeaderElectionRoleIsTheSameInTheChartAndTheKustomizeConfig() throws Exception {
    JsonNode chart = template("leader-election-rbac.yaml").get("rules");
    JsonNode kustomize = documents(Path.of("config", "rbac", "leader_election_role.yaml")).get(0).get("rules");
    assertThat(kustomize).isEqualTo(chart);
    // Exactly what fabric8's LeaseLock calls (get, create, patch), JOSDK's start-up check (SelfSubjectRulesReview)
    // requires (get, create, update) and the release on shutdown sends (update); MockCluster enforces this Role.
    assertThat(kustomize.toString())
        .isEqualTo("[{\"apiGroups\":[\"coordination.k8s.io\"],\"resources\":[\"leases\"],"
            + "\"verbs\":[\"get\",\"create\",\"update\",\"patch\"]}]");
  }

  @Test
  void theDeploymentIsHardenedTheSameWayAndUsesTheChartsDefaults() throws Exception {
    JsonNode values = YAML.readTree(Path.of("helm", "globaltable-operator", "values.yaml").toFile());
    JsonNode deployment = documents(Path.of("config", "manager", "manager.yaml")).stream()
        .filter(d -> "Deployment".equals(d.path("kind").asText())).findFirst().orElseThrow();
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    assertThat(pod.path("securityContext")).isEqualTo(values.path("podSecurityContext"));
    assertThat(container.path("securityContext")).isEqualTo(values.path("securityContext"));
    assertThat(container.path("resources")).isEqualTo(values.path("resources"));
    JsonNode env = container.path("env");
    assertThat(envValue(env, "GT_RESYNC_SECONDS")).isEqualTo(values.path("operator").path("resyncSeconds").asText());
    assertThat(envValue(env, "GT_DEEP_CHECK_MINUTES"))
        .isEqualTo(values.path("operator").path("deepCheckMinutes").asText());
    assertThat(envValue(env, "GT_REQUEUE_BUSY_SECONDS"))
        .isEqualTo(values.path("operator").path("requeueBusySeconds").asText());
    assertThat(envValue(env, "GT_RECONCILE_THREADS"))
        .isEqualTo(values.path("operator").path("reconcileThreads").asText());
    assertThat(envValue(env, "GT_HEALTH_PORT")).isEqualTo(values.path("healthPort").asText());
    assertThat(envValue(env, "GT_METRICS_PORT")).isEqualTo(values.path("metrics").path("port").asText());
    assertThat(envValue(env, "GT_LOG_LEVEL")).isEqualTo(values.path("logging").path("level").asText());
    assertThat(envValue(env, "GT_LOG_FORMAT")).isEqualTo(values.path("logging").path("format").asText());
    assertThat(envValue(env, "GT_LEADER_ELECTION"))
        .isEqualTo(values.path("leaderElection").path("enabled").asText());
    assertThat(values.path("leaderElection").path("enabled").asBoolean()).isTrue();
    assertThat(deployment.path("spec").path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    JsonNode chartYaml = YAML.readTree(Path.of("helm", "globaltable-operator", "Chart.yaml").toFile());
    assertThat(container.path("image").asText())
        .isEqualTo(values.path("image").path("repository").asText() + ":" + chartYaml.path("appVersion").asText());
  }

  private static String envValue(JsonNode env, String name) {
    for (JsonNode e : env) {
      if (name.equals(e.path("name").asText())) {
        return e.path("value").asText();
      }
    }
    throw new AssertionError("no env " + name);
  }
}
