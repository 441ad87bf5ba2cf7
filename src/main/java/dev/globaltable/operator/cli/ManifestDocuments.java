package dev.globaltable.operator.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.globaltable.operator.api.GlobalTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads GlobalTable manifests the way the CLI commands need them: a file is split into YAML documents on {@code ---}
 * lines, empty documents are skipped, each remaining document is numbered from 1 and read on its own, so one broken
 * document does not hide the others.
 *
 * <p>Typing is as strict as the CRD's schema: a string where a number or boolean belongs, a number where a string
 * belongs, or a value outside an enumeration is that document's error (Jackson's defaults would coerce scalars
 * silently). Unknown fields are not errors (the operator ignores them; the API server prunes or, with kubectl's strict
 * field validation, rejects them): each is reported as a note.
 */
final class ManifestDocuments {
  static final String API_GROUP = GlobalTable.GROUP;
  static final String API_VERSION = GlobalTable.GROUP + "/" + GlobalTable.VERSION;

  private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");

  private ManifestDocuments() {}

  /**
   * One non-empty YAML document of a file.
   *
   * @param label {@code FILE#N}
   * @param kind the document's kind, or null when it has none or could not be parsed
   * @param name metadata.name, or null
   * @param resource the deserialized GlobalTable; null when the document is not ours or could not be read
   * @param errors why the document could not be read (empty when it was)
   * @param notes remarks that do not make the document invalid (a skipped kind, unknown fields)
   */
  record Document(String label, String kind, String name, GlobalTable resource, List<String> errors,
      List<String> notes) {
    boolean isGlobalTable() {
      return resource != null || !errors.isEmpty();
    }

    /** {@code kind/name}, e.g. {@code GlobalTable/orders}. */
    String title() {
      return (kind == null ? "<no kind>" : kind) + "/" + (name == null ? "<no name>" : name);
    }
  }

  /** Every non-empty document of {@code file}. Throws when the file cannot be read. */
  static List<Document> read(Path file) throws IOException {
    String text = Files.readString(file);
    List<Document> out = new ArrayList<>();
    int n = 0;
    for (String document : split(text)) {
      if (isEmpty(document)) {
        continue;
      }
      n++;
      out.add(parse(file + "#" + n, document));
    }
    return out;
  }

  /** The documents of {@code text}, split on lines that are {@code ---} (optionally followed by a space and more). */
  static List<String> split(String text) {
    List<String> documents = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\r?\n", -1)) {
      if (SEPARATOR.matcher(line).matches()) {
        documents.add(current.toString());
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    documents.add(current.toString());
    return documents;
  }

  private static boolean isEmpty(String document) {
    return document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("..."));
  }

  static Document parse(String label, String document) {
    JsonNode tree;
    try {
      tree = mapper(new ArrayList<>()).readTree(document);
    } catch (JsonProcessingException e) {
      return new Document(label, null, null, null, List.of("not valid YAML: " + oneLine(e.getOriginalMessage())),
          List.of());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return new Document(label, null, null, null, List.of(), List.of("empty document, skipped"));
    }
    if (!tree.isObject()) {
      return new Document(label, null, null, null, List.of("not a Kubernetes object (a YAML mapping)"), List.of());
    }
    String kind = text(tree.get("kind"));
    String name = text(tree.path("metadata").get("name"));
    String apiVersion = text(tree.get("apiVersion"));
    String group = apiVersion == null || !apiVersion.contains("/") ? null
        : apiVersion.substring(0, apiVersion.indexOf('/'));
    if (!"GlobalTable".equals(kind) || !API_GROUP.equals(group)) {
      // Why the group as well: other operators (e.g. AWS Controllers for Kubernetes) have a GlobalTable kind too.
      return new Document(label, kind, name, null, List.of(),
          List.of("not a " + API_VERSION + " GlobalTable (apiVersion " + apiVersion + "), skipped"));
    }
    if (!API_VERSION.equals(apiVersion)) {
      return new Document(label, kind, name, null,
          List.of("apiVersion: " + apiVersion + " is not served; use " + API_VERSION), List.of());
    }
    List<String> notes = new ArrayList<>();
    try {
      GlobalTable resource = mapper(notes).treeToValue(tree, GlobalTable.class);
      List<String> errors = new ArrayList<>();
      if (name == null || name.isBlank()) {
        errors.add("metadata.name: is required");
      }
      return new Document(label, kind, name, errors.isEmpty() ? resource : null, errors, List.copyOf(notes));
    } catch (JsonMappingException e) {
      return new Document(label, kind, name, null, List.of(path(e) + ": " + oneLine(e.getOriginalMessage())),
          List.copyOf(notes));
    } catch (JsonProcessingException e) {
      return new Document(label, kind, name, null, List.of(oneLine(e.getOriginalMessage())), List.copyOf(notes));
    }
  }

  private static ObjectMapper mapper(List<String> notes) {
    ObjectMapper mapper = JsonMapper.builder(new YAMLFactory())
        // Why: the schema types every field; "5" for an integer or 5 for a string is refused at admission.
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addHandler(new DeserializationProblemHandler() {
          @Override
          public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
              JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            // The object holding the unknown field (its path ends with the field): the current context, or its
            // parent when the value opened one.
            JsonStreamContext holder = p.getParsingContext();
            if ((p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY)
                && holder.getParent() != null) {
              holder = holder.getParent();
            }
            String path = dotted(holder.pathAsPointer().toString());
            if (!path.equals(propertyName) && !path.endsWith("." + propertyName)) {
              path = path.isEmpty() ? propertyName : path + "." + propertyName;
            }
            notes.add("unknown field " + path
                + " (ignored by the operator; the API server prunes or rejects it)");
            p.skipChildren();
            return true;
          }
        })
        .build();
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** The field path of a mapping error, e.g. {@code spec.replicas[1].region}. */
  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.length() == 0 ? "<root>" : out.toString();
  }

  /** {@code /spec/replicas/0} as {@code spec.replicas[0]}. */
  private static String dotted(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.chars().allMatch(Character::isDigit)) {
        out.append('[').append(part).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(part.replace("~1", "/").replace("~0", "~"));
      }
    }
    return out.toString();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
