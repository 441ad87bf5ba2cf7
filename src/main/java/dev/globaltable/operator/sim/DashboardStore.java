package dev.globaltable.operator.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.DashboardValidationMessage;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * CloudWatch dashboards: global, one store for the account whatever region's client is used (aws-semantics 6.3).
 * PutDashboard replaces the whole dashboard after validating name and body; tags apply on create only. Not
 * thread-safe on its own: callers hold the simulator's lock.
 *
 * <p>Body rules modelled (aws-semantics 6.3, CloudWatch-Dashboard-Body-Structure): a JSON object with a {@code widgets}
 * array of at most 500 widgets; each widget an object with {@code type} (metric, text, log, alarm, explorer, custom),
 * integer {@code x} (0..23), {@code y} (&gt;= 0), {@code width} (1..24), {@code height} (1..1000) and an object
 * {@code properties}; a metric widget has {@code properties.region} naming one of the simulator's regions and
 * {@code properties.metrics} an array of arrays; an alarm widget {@code properties.alarms} an array of alarm ARNs; a
 * text widget a string {@code properties.markdown}. Violations are reported all at once, in document order, as
 * DashboardValidationMessages (DataPath, Message) worded like CloudWatch's JSON-schema validator.
 */
final class DashboardStore {
  static final int LIST_PAGE = 1000;
  private static final String TOKEN_PREFIX = "sim-cwd:";
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]+$");
  private static final Pattern ALARM_ARN = Pattern.compile("^arn:aws:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+$");
  private static final Set<String> TYPES = Set.of("metric", "text", "log", "alarm", "explorer", "custom");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A stored dashboard. */
  record Dashboard(String name, String arn, String body, Instant lastModified, LinkedHashMap<String, String> tags) {
    long size() {
      return body.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** One page of entries and the token of the next, or null. */
  record Page(List<DashboardEntry> entries, String nextToken) {}

  private final Clock clock;
  private final String account;
  private final Collection<String> regions;
  private final TreeMap<String, Dashboard> dashboards = new TreeMap<>();

  DashboardStore(Clock clock, String account, Collection<String> regions) {
    this.clock = clock;
    this.account = account;
    this.regions = List.copyOf(regions);
  }

  String arn(String name) {
    return "arn:aws:cloudwatch::" + account + ":dashboard/" + name;
  }

  void put(String name, String body, List<Tag> tags) {
    if (name == null) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'dashboardName' failed to "
          + "satisfy constraint: Member must not be null");
    }
    if (body == null) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'dashboardBody' failed to "
          + "satisfy constraint: Member must not be null");
    }
    if (!NAME.matcher(name).matches()) {
      throw SimServiceErrors.cwDashboardInvalid("The value for field DashboardName contains invalid characters. It "
          + "can only contain alphanumerics, dash (-) and underscore (_).", List.of());
    }
    if (name.length() > 255) {
      throw SimServiceErrors.cwDashboardInvalid("The value for field DashboardName must be 255 characters or "
          + "fewer.", List.of());
    }
    List<DashboardValidationMessage> problems = validate(body);
    if (!problems.isEmpty()) {
      StringBuilder m = new StringBuilder("The dashboard body is invalid, there are ").append(problems.size())
          .append(" validation errors:\n[");
      for (int i = 0; i < problems.size(); i++) {
        DashboardValidationMessage p = problems.get(i);
        m.append(i == 0 ? "\n" : ",\n").append("  {\n    \"dataPath\": \"").append(p.dataPath())
            .append("\",\n    \"message\": \"").append(p.message().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n  }");
      }
      m.append("\n]");
      throw SimServiceErrors.cwDashboardInvalid(m.toString(), problems);
    }
    Dashboard old = dashboards.get(name);
    LinkedHashMap<String, String> t = new LinkedHashMap<>();
    if (old != null) {
      t = old.tags(); // tags apply on create only
    } else if (tags != null) {
      if (tags.size() > 50) {
        throw SimServiceErrors.cwInvalidParameter("The collection Tags must not have a size greater than 50.");
      }
      for (Tag tag : tags) {
        t.put(tag.key(), tag.value());
      }
    }
    dashboards.put(name, new Dashboard(name, arn(name), body, clock.instant(), t));
  }

  /** The dashboard; DashboardNotFoundError when missing. */
  Dashboard get(String name) {
    Dashboard d = name == null ? null : dashboards.get(name);
    if (d == null) {
      throw SimServiceErrors.cwDashboardNotFound("Dashboard " + name + " does not exist");
    }
    return d;
  }

  /** All or nothing: one missing name fails the call and deletes nothing. */
  void delete(List<String> names) {
    if (names.isEmpty()) {
      throw SimServiceErrors.cwValidation("1 validation error detected: Value null at 'dashboardNames' failed to "
          + "satisfy constraint: Member must not be null");
    }
    if (names.size() > 100) {
      throw SimServiceErrors.cwInvalidParameter("The collection DashboardNames must not have a size greater than "
          + "100.");
    }
    for (String n : names) {
      if (!dashboards.containsKey(n)) {
        throw SimServiceErrors.cwDashboardNotFound("The specified dashboard does not exist.");
      }
    }
    names.forEach(dashboards::remove);
  }

  Page list(String prefix, String nextToken) {
    String after = null;
    if (nextToken != null) {
      if (!nextToken.startsWith(TOKEN_PREFIX)) {
        throw SimServiceErrors.cwInvalidToken();
      }
      after = nextToken.substring(TOKEN_PREFIX.length());
    }
    List<DashboardEntry> out = new ArrayList<>();
    String token = null;
    for (Dashboard d : (after == null ? dashboards : dashboards.tailMap(after, false)).values()) {
      if (prefix != null && !d.name().startsWith(prefix)) {
        continue;
      }
      if (out.size() == LIST_PAGE) {
        token = TOKEN_PREFIX + out.get(out.size() - 1).dashboardName();
        break;
      }
      out.add(DashboardEntry.builder().dashboardName(d.name()).dashboardArn(d.arn()).lastModified(d.lastModified())
          .size(d.size()).build());
    }
    return new Page(out, token);
  }

  /** The tags of the dashboard with this ARN, or null when there is none. */
  LinkedHashMap<String, String> tags(String arn) {
    String prefix = "arn:aws:cloudwatch::" + account + ":dashboard/";
    if (!arn.startsWith(prefix)) {
      return null;
    }
    Dashboard d = dashboards.get(arn.substring(prefix.length()));
    return d == null ? null : d.tags();
  }

  // ---------------------------------------------------------------------------------------------- body validation

  private List<DashboardValidationMessage> validate(String body) {
    List<DashboardValidationMessage> out = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      out.add(msg("", "Should be object"));
      return out;
    }
    JsonNode widgets = root.get("widgets");
    if (widgets == null) {
      out.add(msg("", "Should have required property 'widgets'"));
      return out;
    }
    if (!widgets.isArray()) {
      out.add(msg("/widgets", "Should be array"));
      return out;
    }
    if (widgets.size() > 500) {
      out.add(msg("/widgets", "Should NOT have more than 500 items"));
      return out;
    }
    for (int i = 0; i < widgets.size(); i++) {
      widget(widgets.get(i), "/widgets/" + i, out);
    }
    return out;
  }

  private void widget(JsonNode w, String path, List<DashboardValidationMessage> out) {
    if (!w.isObject()) {
      out.add(msg(path, "Should be object"));
      return;
    }
    for (String required : List.of("type", "x", "y", "width", "height", "properties")) {
      if (!w.has(required)) {
        out.add(msg(path, "Should have required property '" + required + "'"));
      }
    }
    integer(w.get("x"), path + "/x", 0, 23, out);
    integer(w.get("y"), path + "/y", 0, Integer.MAX_VALUE, out);
    integer(w.get("width"), path + "/width", 1, 24, out);
    integer(w.get("height"), path + "/height", 1, 1000, out);
    JsonNode type = w.get("type");
    if (type != null && !(type.isTextual() && TYPES.contains(type.asText()))) {
      out.add(msg(path + "/type", "Should be equal to one of the allowed values"));
      return;
    }
    JsonNode props = w.get("properties");
    if (props == null) {
      return;
    }
    String pp = path + "/properties";
    if (!props.isObject()) {
      out.add(msg(pp, "Should be object"));
      return;
    }
    if (type == null) {
      return;
    }
    switch (type.asText()) {
      case "metric" -> {
        JsonNode region = props.get("region");
        if (region == null) {
          out.add(msg(pp, "Should have required property 'region'"));
        } else if (!region.isTextual() || !regions.contains(region.asText())) {
          out.add(msg(pp + "/region", "Should be equal to one of the allowed values"));
        }
        JsonNode metrics = props.get("metrics");
        if (metrics == null) {
          out.add(msg(pp, "Should have required property 'metrics'"));
        } else if (!metrics.isArray()) {
          out.add(msg(pp + "/metrics", "Should be array"));
        } else {
          for (int j = 0; j < metrics.size(); j++) {
            if (!metrics.get(j).isArray()) {
              out.add(msg(pp + "/metrics/" + j, "Should be array"));
            }
          }
        }
      }
      case "alarm" -> {
        JsonNode alarms = props.get("alarms");
        if (alarms == null) {
          out.add(msg(pp, "Should have required property 'alarms'"));
        } else if (!alarms.isArray()) {
          out.add(msg(pp + "/alarms", "Should be array"));
        } else {
          for (int j = 0; j < alarms.size(); j++) {
            JsonNode a = alarms.get(j);
            if (!a.isTextual() || !ALARM_ARN.matcher(a.asText()).matches()) {
              out.add(msg(pp + "/alarms/" + j, "Should match pattern \"" + ALARM_ARN.pattern() + "\""));
            }
          }
        }
      }
      case "text" -> {
        JsonNode md = props.get("markdown");
        if (md == null) {
          out.add(msg(pp, "Should have required property 'markdown'"));
        } else if (!md.isTextual()) {
          out.add(msg(pp + "/markdown", "Should be string"));
        }
      }
      default -> {
        // log, explorer and custom widgets: only the common fields are checked
      }
    }
  }

  private static void integer(JsonNode n, String path, int min, int max, List<DashboardValidationMessage> out) {
    if (n == null) {
      return;
    }
    if (!n.isIntegralNumber()) {
      out.add(msg(path, "Should be integer"));
    } else if (n.asLong() < min) {
      out.add(msg(path, "Should be >= " + min));
    } else if (n.asLong() > max) {
      out.add(msg(path, "Should be <= " + max));
    }
  }

  private static DashboardValidationMessage msg(String path, String message) {
    return DashboardValidationMessage.builder().dataPath(path).message(message).build();
  }
}
