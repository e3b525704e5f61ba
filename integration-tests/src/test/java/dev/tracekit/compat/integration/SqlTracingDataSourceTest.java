package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.integration.TracedCalls.Trace;
import dev.tracekit.compat.testing.ReceivedSpan;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDBC through the real {@code TracingDataSource} of aws-xray-recorder-sdk-sql against an embedded
 * H2 database, on the shim. The surefire configuration turns on the module's query collection
 * ({@code com.amazonaws.xray.collectSqlQueries}).
 */
class SqlTracingDataSourceTest {
  private static TracedCalls calls;

  @BeforeAll
  static void start() throws Exception {
    calls = TracedCalls.start();
    ModuleCalls.createOrdersTable();
  }

  @AfterAll
  static void stop() {
    calls.close();
  }

  @Test
  void aQueryBecomesAClientSpanWithTheSqlAttributes() {
    int[] rows = new int[1];
    Trace trace =
        calls.inSegment(
            "orders-api", () -> rows[0] = ModuleCalls.query("SELECT id, total FROM orders"));

    assertThat(trace.thrown).isNull();
    assertThat(rows[0]).isEqualTo(1);
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.xray.namespace", "remote")
        .containsEntry("db.system.name", "h2")
        .containsEntry("db.user", ModuleCalls.H2_USER.toUpperCase(java.util.Locale.ROOT))
        .containsEntry("db.query.text", "SELECT id, total FROM orders")
        // The module takes the URL from the driver, which drops H2's settings.
        .containsEntry("aws.xray.sql.url", "jdbc:h2:mem:orders");
    assertThat(span.getAttributes().toString()).doesNotContain(ModuleCalls.H2_PASSWORD);
    ErrorFlags.assertFlags(span, false, false, false);
    assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.UNSET);
  }

  @Test
  void aFailingStatementIsAFaultWithItsException() {
    // Prepares fine, fails when executed (duplicate key): the module traces executions only.
    String insert = "INSERT INTO orders VALUES ('o-1', 13)";
    Trace trace = calls.inSegment("orders-api", () -> ModuleCalls.query(insert));

    assertThat(trace.thrown).isInstanceOf(SQLException.class);
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes()).containsEntry("db.query.text", insert);
    ErrorFlags.assertFlags(span, false, false, true);
    assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.ERROR);
    assertThat(span.getEvents()).hasSize(1);
    assertThat(span.getEvents().get(0).getAttributes())
        .containsEntry("exception.type", trace.thrown.getClass().getName());
  }
}
