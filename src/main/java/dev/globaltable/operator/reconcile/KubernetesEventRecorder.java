package dev.globaltable.operator.reconcile;

import dev.globaltable.operator.api.GlobalTable;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events. A failure to write an event is logged, never fails the reconcile. */
public final class KubernetesEventRecorder implements EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
  private static final String COMPONENT = "globaltable-operator";

  private final KubernetesClient client;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  public KubernetesEventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public void normal(GlobalTable resource, String reason, String message) {
    emit(resource, "Normal", reason, message);
  }

  @Override
  public void warning(GlobalTable resource, String reason, String message) {
    emit(resource, "Warning", reason, message);
  }

  private void emit(GlobalTable resource, String type, String reason, String message) {
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
    String name = resource.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())
        + Long.toHexString(sequence.incrementAndGet());
    try {
      client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(resource.getMetadata().getNamespace()).endMetadata()
          .withInvolvedObject(new ObjectReferenceBuilder()
              .withApiVersion(resource.getApiVersion())
              .withKind(resource.getKind())
              .withName(resource.getMetadata().getName())
              .withNamespace(resource.getMetadata().getNamespace())
              .withUid(resource.getMetadata().getUid())
              .withResourceVersion(resource.getMetadata().getResourceVersion())
              .build())
          .withType(type)
          .withReason(reason)
          .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
          .withFirstTimestamp(now)
          .withLastTimestamp(now)
          .withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      // Why: events are best-effort; losing one must not block convergence.
      LOG.warn("could not record event {} {} on {}: {}", type, reason, resource.getMetadata().getName(),
          e.getMessage());
    }
  }
}
