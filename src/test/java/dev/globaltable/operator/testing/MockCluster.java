package dev.globaltable.operator.testing;

import dev.globaltable.operator.api.GlobalTable;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API: the fabric8 mock server in CRUD mode with the GlobalTable CRD from {@code crds/}
 * installed. It has no server-side apply and does not enforce the CRD schema or CEL rules (toolchain.md).
 */
public final class MockCluster implements AutoCloseable {
  /** The committed CRD, as shipped. */
  public static final Path CRD = Path.of("crds", "globaltables.dynamodb.globaltable.dev-v1.yml");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockCluster(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  public static MockCluster start() {
    return start(true);
  }

  /**
   * @param mayUseLeases whether SelfSubjectRulesReview answers that the caller may get, create and update Leases (the
   *     check JOSDK makes before leader election); the CRUD dispatcher alone would echo the review without a status
   */
  public static MockCluster start(boolean mayUseLeases) {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new RulesReviewingDispatcher(mayUseLeases), false);
    server.init();
    KubernetesClient client = server.createClient();
    try (InputStream in = Files.newInputStream(CRD)) {
      CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read " + CRD.toAbsolutePath(), e);
    }
    return new MockCluster(server, client);
  }

  /**
   * The CRUD dispatcher, plus RBAC for Leases as the shipped Role grants it ({@link #LEASE_ROLE}): SelfSubjectRulesReview
   * answers with that Role's verbs, and a Lease request whose verb the Role lacks is refused with 403, as an API server
   * would.
   */
  private static final class RulesReviewingDispatcher extends KubernetesCrudDispatcher {
    private final List<String> leaseVerbs;

    RulesReviewingDispatcher(boolean mayUseLeases) {
      this.leaseVerbs = mayUseLeases ? leaseRoleVerbs() : List.of();
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      if (request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
        return rulesReview(request);
      }
      return forbidden(request.getPath(), "create") ? refuse("create") : super.handleCreate(request);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
      return forbidden(request.getPath(), "update") ? refuse("update") : super.handleUpdate(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      return forbidden(request.getPath(), "patch") ? refuse("patch") : super.handlePatch(request);
    }

    @Override
    public MockResponse handleGet(String path) {
      return forbidden(path, "get") ? refuse("get") : super.handleGet(path);
    }

    @Override
    public MockResponse handleDelete(String path) {
      return forbidden(path, "delete") ? refuse("delete") : super.handleDelete(path);
    }

    private boolean forbidden(String path, String verb) {
      return path.startsWith("/apis/coordination.k8s.io/") && !leaseVerbs.contains(verb);
    }

    private static MockResponse refuse(String verb) {
      return new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
          + "\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,\"message\":\"leases.coordination.k8s.io "
          + "is forbidden: User \\\"system:serviceaccount:globaltable-system:globaltable-operator\\\" cannot " + verb
          + " resource \\\"leases\\\" in API group \\\"coordination.k8s.io\\\"\"}");
    }

    private MockResponse rulesReview(RecordedRequest request) {
      SelfSubjectRulesReview review = Serialization.unmarshal(request.getBody().readUtf8(),
          SelfSubjectRulesReview.class);
      List<ResourceRule> rules = new ArrayList<>();
      rules.add(new ResourceRuleBuilder().withApiGroups("authorization.k8s.io")
          .withResources("selfsubjectrulesreviews").withVerbs("create").build());
      if (!leaseVerbs.isEmpty()) {
        rules.add(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
            .withVerbs(leaseVerbs).build());
      }
      review.setStatus(new SubjectRulesReviewStatusBuilder().withResourceRules(rules).withIncomplete(false)
          .build());
      return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
    }
  }

  /** The Role the chart and config/ grant for leader election (RbacConsistencyTest keeps the two equal). */
  public static final Path LEASE_ROLE = Path.of("config", "rbac", "leader_election_role.yaml");

  private static List<String> leaseRoleVerbs() {
    try {
      var role = new com.fasterxml.jackson.databind.ObjectMapper(
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(LEASE_ROLE.toFile());
      List<String> verbs = new ArrayList<>();
      role.path("rules").get(0).path("verbs").forEach(v -> verbs.add(v.asText()));
      return List.copyOf(verbs);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read " + LEASE_ROLE.toAbsolutePath(), e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public GlobalTable get(String namespace, String name) {
    return client.resources(GlobalTable.class).inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
