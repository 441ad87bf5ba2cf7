package dev.globaltable.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcScopeTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  private static Map<String, String> mdc() {
    Map<String, String> m = MDC.getCopyOfContextMap();
    return m == null ? Map.of() : m;
  }

  @Test
  void closingPutsBackWhatEachKeyHeldBefore() {
    MDC.put("region", "outer");
    try (MdcScope outer = MdcScope.open().put("table", "Orders").put("region", "us-east-1").put("step", null)) {
      assertThat(mdc()).isEqualTo(Map.of("table", "Orders", "region", "us-east-1"));
      try (MdcScope inner = MdcScope.open().put("service", "dynamodb").putIfAbsent("table", "other")
          .put("region", "eu-west-1")) {
        assertThat(mdc()).isEqualTo(Map.of("table", "Orders", "region", "eu-west-1", "service", "dynamodb"));
      }
      assertThat(mdc()).isEqualTo(Map.of("table", "Orders", "region", "us-east-1"));
    }
    assertThat(mdc()).isEqualTo(Map.of("region", "outer"));
  }

  @Test
  void aKeySetTwiceInOneScopeIsStillRemovedOnClose() {
    try (MdcScope scope = MdcScope.open().put("step", "a").put("step", "b")) {
      assertThat(MDC.get("step")).isEqualTo("b");
    }
    assertThat(mdc()).isEmpty();
  }

  @Test
  void theTextFormatQuotesOnlyWhatWouldNotSplitBack() {
    assertThat(TextFieldsConverter.quoted("us-east-1")).isEqualTo("us-east-1");
    assertThat(TextFieldsConverter.quoted("add replica eu-west-1")).isEqualTo("\"add replica eu-west-1\"");
    assertThat(TextFieldsConverter.quoted("")).isEqualTo("\"\"");
    assertThat(TextFieldsConverter.quoted("a=b")).isEqualTo("\"a=b\"");
    assertThat(TextFieldsConverter.quoted("say \"hi\"\\\n")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\"");
    assertThat(TextFieldsConverter.context(Map.of("resource.name", "orders", "region", "us-east-1", "other", "x")))
        .isEqualTo("[resource=orders region=us-east-1] ");
    assertThat(TextFieldsConverter.context(Map.of("resource.uid", "u-1"))).isEmpty();
  }
}
