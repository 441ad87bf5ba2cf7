package dev.globaltable.operator.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.globaltable.operator.model.AlarmDefinition;
import dev.globaltable.operator.model.AlarmNames;
import dev.globaltable.operator.model.Desired;
import dev.globaltable.operator.model.RegionalTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of the CloudWatch dashboard the operator owns for a table (reference 6.3): deterministic JSON (the same
 * inputs always give the same string, fields in a fixed order) on the 24-column grid.
 *
 * <p>Widgets, top to bottom: a text widget whose markdown starts with the owner marker
 * ({@link AlarmDefinition#ownerMarker}; how {@link #ownedBy} recognises the dashboard as ours); a ReplicationLatency
 * graph for every ordered pair of member regions (in the source region, two per row); per member region a "consumed
 * vs provisioned capacity" graph (consumed only when on-demand) and a "throttles and errors" graph side by side; and alarm widgets listing the ARNs of
 * the desired alarms (at most {@value #ALARMS_PER_WIDGET} per widget). UserErrors has no TableName dimension and is
 * left out.
 */
public final class DashboardBuilder {
  /** An alarm widget lists at most this many alarms. */
  static final int ALARMS_PER_WIDGET = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = AlarmDefinition.NAMESPACE;

  private DashboardBuilder() {}

  /**
   * The dashboard body for {@code desired} and the group the home table describes.
   *
   * @param alarms the desired alarms ({@link AlarmPlanner#desiredAlarms}), listed by ARN in the alarm widgets
   */
  public static String body(Desired desired, RegionalTable home, List<AlarmDefinition> alarms) {
    String t = desired.tableName();
    List<String> members = AlarmPlanner.members(desired, home);
    List<String> indexes = AlarmPlanner.indexes(desired, home);
    ObjectNode root = JSON.createObjectNode();
    ArrayNode widgets = root.putArray("widgets");
    int y = 0;

    ObjectNode text = widget(widgets, "text", 0, y, 24, 3);
    text.putObject("properties").put("markdown", AlarmDefinition.ownerMarker(desired.owner()) + "\n\n"
        + "# DynamoDB global table " + t + "\n\nRegions: " + regionsLine(members, desired.homeRegion())
        + ". Kept up to date by the operator: edits made here are overwritten.");
    y += 3;

    int pair = 0;
    for (String from : members) {
      for (String to : members) {
        if (from.equals(to)) {
          continue;
        }
        metricWidget(widgets, (pair % 2) * 12, y + (pair / 2) * 6, from,
            "Replication latency " + from + " to " + to + " (ms)", "Average", 300).add(metric(AlarmNames.REPLICATION_LATENCY, "TableName", t, "ReceivingRegion", to));
        pair++;
      }
    }
    y += ((pair + 1) / 2) * 6;

    for (String region : members) {
      ArrayNode cm = metricWidget(widgets, 0, y, region, region + (desired.provisioned()
          ? ": consumed vs provisioned capacity (units/s)" : ": consumed capacity (units/s)"), "Sum", 60);
      perSecond(cm, "ConsumedReadCapacityUnits", t, "cr", "consumed read");
      perSecond(cm, "ConsumedWriteCapacityUnits", t, "cw", "consumed write");
      if (desired.provisioned()) {
        cm.add(metric("ProvisionedReadCapacityUnits", "TableName", t).add(options("provisioned read", "Average")));
        cm.add(metric("ProvisionedWriteCapacityUnits", "TableName", t).add(options("provisioned write", "Average")));
      }
      ArrayNode em = metricWidget(widgets, 12, y, region, region + ": throttles and errors", "Sum", 60);
      em.add(metric(AlarmNames.READ_THROTTLE, "TableName", t));
      em.add(metric(AlarmNames.WRITE_THROTTLE, "TableName", t));
      for (String i : indexes) {
        em.add(metric(AlarmNames.READ_THROTTLE, "TableName", t, "GlobalSecondaryIndexName", i));
        em.add(metric(AlarmNames.WRITE_THROTTLE, "TableName", t, "GlobalSecondaryIndexName", i));
      }
      for (String op : AlarmPlanner.OPERATIONS) {
        em.add(metric(AlarmNames.SYSTEM_ERRORS, "TableName", t, "Operation", op));
      }
      y += 6;
    }

    List<String> arns = alarmArns(home.arn(), alarms);
    for (int i = 0; i < arns.size(); i += ALARMS_PER_WIDGET) {
      ObjectNode w = widget(widgets, "alarm", 0, y, 24, 6);
      ObjectNode p = w.putObject("properties");
      p.put("title", arns.size() <= ALARMS_PER_WIDGET ? "Alarms"
          : "Alarms (" + (i / ALARMS_PER_WIDGET + 1) + ")");
      ArrayNode list = p.putArray("alarms");
      arns.subList(i, Math.min(arns.size(), i + ALARMS_PER_WIDGET)).forEach(list::add);
      y += 6;
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the dashboard body", e);
    }
  }

  /**
   * Whether {@code body} is a dashboard {@code owner} made: one of its text widgets starts with the owner marker. A body
   * that is not JSON is not ours.
   */
  public static boolean ownedBy(String body, String owner) {
    JsonNode root = parse(body);
    if (root == null) {
      // Unreadable: cannot be shown to be ours, so it is not.
      return false;
    }
    String marker = AlarmDefinition.ownerMarker(owner);
    for (JsonNode w : root.path("widgets")) {
      String markdown = w.path("properties").path("markdown").asText();
      // The marker then a line break or the end: "default/ledger." must not claim "default/ledger.v2."'s dashboard.
      if ("text".equals(w.path("type").asText()) && (markdown.equals(marker) || markdown.startsWith(marker + "\n"))) {
        return true;
      }
    }
    return false;
  }

  /** Whether two bodies are the same JSON (whitespace and number formatting aside); unreadable bodies never are. */
  public static boolean sameBody(String a, String b) {
    JsonNode x = parse(a);
    return x != null && x.equals(parse(b));
  }

  /**
   * ARNs of {@code alarms} ("arn:&lt;partition&gt;:cloudwatch:&lt;region&gt;:&lt;account&gt;:alarm:&lt;name&gt;"), the partition
   * and account taken from the home table's ARN; empty when that ARN is unknown.
   */
  static List<String> alarmArns(String tableArn, List<AlarmDefinition> alarms) {
    String[] parts = tableArn == null ? new String[0] : tableArn.split(":", 6);
    List<String> out = new ArrayList<>();
    if (parts.length < 6 || parts[4].isEmpty()) {
      // Without the account an alarm ARN cannot be written; the alarms are still in the alarm console.
      return out;
    }
    alarms.forEach(a -> out.add("arn:" + parts[1] + ":cloudwatch:" + a.region() + ":" + parts[4] + ":alarm:"
        + a.name()));
    return out;
  }

  private static String regionsLine(List<String> members, String home) {
    List<String> words = new ArrayList<>();
    members.forEach(r -> words.add(r.equals(home) ? r + " (home)" : r));
    return String.join(", ", words);
  }

  private static ObjectNode widget(ArrayNode widgets, String type, int x, int y, int width, int height) {
    ObjectNode w = widgets.addObject();
    w.put("type", type);
    w.put("x", x);
    w.put("y", y);
    w.put("width", width);
    w.put("height", height);
    return w;
  }

  /** A 12-wide, 6-high time-series metric widget; returns its (empty) metrics array. */
  private static ArrayNode metricWidget(ArrayNode widgets, int x, int y, String region, String title, String stat,
      int period) {
    ObjectNode p = widget(widgets, "metric", x, y, 12, 6).putObject("properties");
    p.put("view", "timeSeries");
    p.put("region", region);
    p.put("title", title);
    p.put("stat", stat);
    p.put("period", period);
    return p.putArray("metrics");
  }

  private static ArrayNode metric(String name, String... dims) {
    ArrayNode m = JSON.createArrayNode();
    m.add(NS).add(name);
    for (String d : dims) {
      m.add(d);
    }
    return m;
  }

  private static ObjectNode options(String label, String stat) {
    ObjectNode o = JSON.createObjectNode();
    o.put("label", label);
    o.put("stat", stat);
    return o;
  }

  /** A consumed-capacity Sum (hidden) and its per-second rate, comparable with provisioned units. */
  private static void perSecond(ArrayNode metrics, String name, String table, String id, String label) {
    ObjectNode hidden = JSON.createObjectNode();
    hidden.put("id", id);
    hidden.put("stat", "Sum");
    hidden.put("visible", false);
    metrics.add(metric(name, "TableName", table).add(hidden));
    ObjectNode expr = JSON.createObjectNode();
    expr.put("expression", id + "/PERIOD(" + id + ")");
    expr.put("label", label);
    expr.put("id", id + "ps");
    metrics.add(JSON.createArrayNode().add(expr));
  }

  private static JsonNode parse(String body) {
    if (body == null) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // Not JSON: the caller treats it as not ours / different.
      return null;
    }
  }
}
