package dev.globaltable.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A DynamoDB global table (version 2019.11.21) declared as a Kubernetes resource.
 *
 * <p>The fully qualified name is {@code globaltables.dynamodb.globaltable.dev}; the short names {@code gt} and
 * {@code gtable} avoid the clash with other AWS operators' {@code globaltables} plurals.
 */
@Group(GlobalTable.GROUP)
@Version(GlobalTable.VERSION)
@Kind("GlobalTable")
@Plural("globaltables")
@Singular("globaltable")
@ShortNames({"gt", "gtable"})
@Categories({"dynamodb", "aws"})
@AdditionalPrinterColumn(name = "Table", jsonPath = ".status.tableName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Regions", jsonPath = ".status.regions", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Billing", jsonPath = ".status.billingMode", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.pending[0]", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "ARN", jsonPath = ".status.tableArn", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
public class GlobalTable extends CustomResource<GlobalTableSpec, GlobalTableStatus> implements Namespaced {
  public static final String GROUP = "dynamodb.globaltable.dev";
  public static final String VERSION = "v1alpha1";
}
