/**
 * SimulatedAws: an in-memory, multi-region DynamoDB control plane (global tables 2019.11.21) that tests, the benchmark
 * and the sandbox use instead of AWS. Entry point: {@link dev.globaltable.operator.sim.SimulatedAws}; time:
 * {@link dev.globaltable.operator.sim.SimClock}; faults: {@link dev.globaltable.operator.sim.Faults}; call history:
 * {@link dev.globaltable.operator.sim.Journal}; read-only state: {@link dev.globaltable.operator.sim.SimInspector}.
 *
 * <p>Modelled DynamoDB operations: CreateTable, DescribeTable, UpdateTable (ReplicaUpdates Create/Delete/Update with
 * read overrides, GSI Create/Delete/Update, StreamSpecification, BillingMode + ProvisionedThroughput,
 * OnDemandThroughput, DeletionProtectionEnabled), DeleteTable, TagResource, UntagResource, ListTagsOfResource,
 * ListTables, UpdateTableReplicaAutoScaling and DescribeTableReplicaAutoScaling (a facade over each member region's
 * Application Auto Scaling state), and the legacy 2017.11.29 APIs (rejected as AWS rejects them). Everything else keeps the SDK interface's
 * default and throws UnsupportedOperationException, as do request fields the simulator does not model (SSE, table
 * class, warm throughput, MRSC, witnesses).
 *
 * <p>Where the reference (aws-semantics.md) gives no text, the simulator says so in its own words and marks it
 * "(simulator rule)" or "injected by the simulator", never imitating an AWS text it does not know.
 */
package dev.globaltable.operator.sim;
