package dev.globaltable.operator.crd;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.globaltable.operator.api.GlobalTable;
import dev.globaltable.operator.api.GlobalTableSpec;
import dev.globaltable.operator.api.GlobalTableStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Build step that generates the GlobalTable CRD from the api classes with fabric8's CRD generator (the library behind
 * crd-generator-maven-plugin, same version) plus a post-processor for what the plugin cannot do:
 *
 * <ul>
 *   <li>additionalPrinterColumns in the order they are declared on {@link GlobalTable} (the generator sorts them by
 *       JSON path, but kubectl shows them in CRD order);</li>
 *   <li>descriptions of {@code spec} and {@code status} (from {@link JsonClassDescription} on their classes) and of the
 *       standard condition fields, so that {@code kubectl explain} documents every field.</li>
 * </ul>
 *
 * <p>Run by exec-maven-plugin in {@code process-test-classes}; it overwrites the plugin's output in
 * {@code target/classes/META-INF/fabric8/}. {@code CrdUpToDateTest} then compares that file with {@code crds/}.
 */
public final class GenerateCrd {
  /** Descriptions of the fields of fabric8's {@code Condition} (the same texts as Kubernetes' metav1.Condition). */
  static final Map<String, String> CONDITION_FIELDS = Map.of(
      "type", "Condition type: Ready, Reconciling or Stalled (kstatus).",
      "status", "True, False or Unknown.",
      "reason", "Machine-readable reason for the last transition, in CamelCase.",
      "message", "Human-readable details about the last transition.",
      "observedGeneration", "metadata.generation of the spec this condition was computed from.",
      "lastTransitionTime", "When the condition last changed status (RFC 3339).");

  private GenerateCrd() {}

  /**
   * Writes the CRD into the given directory.
   *
   * @param args one argument: the output directory
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: GenerateCrd <output directory>");
    }
    File dir = new File(args[0]);
    if (!dir.isDirectory() && !dir.mkdirs()) {
      throw new IllegalStateException("cannot create " + dir);
    }
    int written = new CRDGenerator()
        .inOutputDir(dir)
        .forCRDVersions("v1")
        .customResourceClasses(GlobalTable.class)
        .withPostProcessor(new CRDPostProcessor() {
          @Override
          public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
            return postProcess(crd);
          }
        })
        .generate();
    if (written != 1) {
      throw new IllegalStateException("expected one CRD, generated " + written);
    }
  }

  static HasMetadata postProcess(HasMetadata generated) {
    CustomResourceDefinition crd = (CustomResourceDefinition) generated;
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      version.setAdditionalPrinterColumns(declaredOrder(version.getAdditionalPrinterColumns()));
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      describe(root, "spec", GlobalTableSpec.class);
      describe(root, "status", GlobalTableStatus.class);
      JSONSchemaProps status = root.getProperties().get("status");
      JSONSchemaProps conditions = status == null ? null : status.getProperties().get("conditions");
      if (conditions != null) {
        conditions.getItems().getSchema().getProperties().forEach((name, schema) -> {
          if (schema.getDescription() == null) {
            schema.setDescription(CONDITION_FIELDS.get(name));
          }
        });
      }
    }
    return crd;
  }

  /** Columns declared on the class first, in declaration order; any other column keeps the generator's order after. */
  private static List<CustomResourceColumnDefinition> declaredOrder(List<CustomResourceColumnDefinition> columns) {
    if (columns == null) {
      return null;
    }
    List<String> declared = Arrays.stream(GlobalTable.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
    List<CustomResourceColumnDefinition> ordered = new ArrayList<>(columns);
    ordered.sort(Comparator.comparingInt(c -> {
      int i = declared.indexOf(c.getName());
      return i < 0 ? Integer.MAX_VALUE : i;
    }));
    return ordered;
  }

  private static void describe(JSONSchemaProps root, String property, Class<?> type) {
    JSONSchemaProps schema = root.getProperties().get(property);
    JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
    if (schema != null && schema.getDescription() == null && description != null) {
      schema.setDescription(description.value());
    }
  }
}
