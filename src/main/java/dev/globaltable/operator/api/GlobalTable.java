package dev.globaltable.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
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
 *
 * <p>The printer columns are listed in the order kubectl shows them; the build keeps that order in the generated CRD
 * (the fabric8 generator alone would sort them by JSON path).
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
@ValidationRule(value = "!has(self.spec) || has(self.spec.tableName) || size(self.metadata.name) >= 3",
    message = "metadata.name is the table name when spec.tableName is absent and must then be 3-255 characters of "
        + "[A-Za-z0-9_.-]; set spec.tableName or use a longer name")
public class GlobalTable extends CustomResource<GlobalTableSpec, GlobalTableStatus> implements Namespaced {
  public static final String GROUP = "dynamodb.globaltable.dev";
  public static final String VERSION = "v1alpha1";
}
