package dev.globaltable.operator.testing;

import dev.globaltable.operator.api.GlobalTable;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

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
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
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
