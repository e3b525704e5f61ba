package dev.tracekit.compat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ConsoleSpanExporter;
import dev.tracekit.compat.core.secrets.SecretLeakGuard;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoAppTest {
  /** A span line: indent, name, then details, ending with the span id and maybe a note. */
  private static final Pattern SPAN_LINE =
      Pattern.compile("^( *)(.+?)  .*  span [0-9a-f]{16}( .*)?$");
  private static final String COUPON_ERROR = "coupon SPRING24 expired on 2024-06-01";

  private final ByteArrayOutputStream traces = new ByteArrayOutputStream();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @AfterEach
  void tearDown() throws Exception {
    TraceKit.shutdown();
    SecretLeakGuard.inspect("the demo's trace trees", traces.toString("UTF-8"));
    SecretLeakGuard.inspect("the demo's log", log.toString("UTF-8"));
  }

  @Test
  void printsTheCheckoutAsOneTraceTree() throws Exception {
    TraceKit.init(
        TraceKitConfig.builder()
            .setApiKey(TestSecrets.API_KEY)
            .setSpanExporter(ConsoleSpanExporter.create(new PrintStream(traces, true, "UTF-8")))
            .setServiceName("checkout-demo")
            .setEnabled(true)
            .setSampleRate(1.0)
            // Export only at shutdown, so that the whole request is one batch.
            .setScheduleDelay(1, TimeUnit.HOURS)
            .setShutdownHook(false)
            .build());

    PipelineStats stats = DemoApp.run(new PrintStream(log, true, "UTF-8"));

    String tree = traces.toString("UTF-8");
    assertThat(tree.split("\\R")[0]).matches("trace [0-9a-f]{32}  \\(service checkout-demo\\)");
    assertThat(tree).containsOnlyOnce("trace ");
    // Indented by depth. Once OkHttp calls are traced, a CLIENT span also appears under
    // reserve-inventory: a subsequence allows for it.
    assertThat(spanLines(tree))
        .startsWith("  GET /checkout")
        .containsSubsequence(
            "  GET /checkout",
            "    load-cart",
            "    price-items",
            "      price-item",
            "      price-item",
            "    reserve-inventory",
            "    apply-coupon");
    assertThat(tree)
        .contains("  GET /checkout  SERVER  ")
        .contains("      http.response.status_code=200")
        .contains("        item.sku=\"SKU-RED-MUG\"")
        .contains("        item.sku=\"SKU-TEA-TIN\"")
        .containsPattern(
            " {4}apply-coupon +\\+[0-9.]+ ms  \\|[ #]{32}\\|  [0-9.]+ ms  ERROR \""
                + COUPON_ERROR
                + "\"")
        .containsPattern(
            " {8}event exception \\+[0-9.]+ ms  java.lang.IllegalArgumentException: "
                + COUPON_ERROR
                + "\\R {10}at dev.tracekit.compat.demo.DemoApp.discountFor\\(");
    assertThat(tree).doesNotContain("not in this batch");

    assertThat(log.toString("UTF-8"))
        .contains("[inventory] POST /reserve?cart=c-1042")
        .contains("[inventory]   traceparent:")
        .contains("stats before shutdown: PipelineStats{")
        .contains("stats after shutdown:  PipelineStats{");
    assertThat(stats.getSpansEnded()).isGreaterThanOrEqualTo(7);
    assertThat(stats.getSpansExported()).isEqualTo(stats.getSpansEnded());
    assertThat(stats.getSpansQueued()).isZero();
  }

  /** Returns each span line as its indent and name, dropping the details. */
  private static List<String> spanLines(String tree) {
    List<String> lines = new ArrayList<>();
    for (String line : tree.split("\\R")) {
      Matcher m = SPAN_LINE.matcher(line);
      if (m.matches()) {
        lines.add(m.group(1) + m.group(2));
      }
    }
    return lines;
  }
}
