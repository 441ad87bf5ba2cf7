package dev.globaltable.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locations of the CRD files and a YAML reader shared by the CRD tests. */
final class CrdFiles {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CrdFiles() {}

  /** The CRD as shipped in crds/ (kept equal to the generated one by {@link CrdUpToDateTest}). */
  static Path shipped() {
    return CrdUpToDateTest.COMMITTED;
  }

  /**
   * The CRD the build generated into the main output directory (found on the test classpath, so a -Dgt.buildDir
   * build finds its own copy), or null when it was not generated.
   */
  static Path generated() {
    URL url = CrdFiles.class.getClassLoader().getResource("META-INF/fabric8/" + CrdUpToDateTest.FILE);
    try {
      return url == null ? null : Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode load(Path path) throws IOException {
    return YAML.readTree(path.toFile());
  }

  /** The openAPIV3Schema of the only version of the shipped CRD. */
  static JsonNode shippedSchema() {
    try {
      return load(shipped()).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
