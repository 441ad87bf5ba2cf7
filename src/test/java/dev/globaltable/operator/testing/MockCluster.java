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

  /** The CRUD dispatcher, plus an RBAC answer to SelfSubjectRulesReview. */
  private static final class RulesReviewingDispatcher extends KubernetesCrudDispatcher {
    private final boolean mayUseLeases;

    RulesReviewingDispatcher(boolean mayUseLeases) {
      this.mayUseLeases = mayUseLeases;
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      if (!request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
        return super.handleCreate(request);
      }
      SelfSubjectRulesReview review = Serialization.unmarshal(request.getBody().readUtf8(),
          SelfSubjectRulesReview.class);
      List<ResourceRule> rules = new ArrayList<>();
      rules.add(new ResourceRuleBuilder().withApiGroups("authorization.k8s.io")
          .withResources("selfsubjectrulesreviews").withVerbs("create").build());
      if (mayUseLeases) {
        rules.add(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
            .withVerbs("get", "create", "update").build());
      }
      review.setStatus(new SubjectRulesReviewStatusBuilder().withResourceRules(rules).withIncomplete(false)
          .build());
      return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
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
