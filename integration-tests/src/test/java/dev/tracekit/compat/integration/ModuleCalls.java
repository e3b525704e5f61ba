package dev.tracekit.compat.integration;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.handlers.TracingHandler;
import com.amazonaws.xray.proxies.apache.http.HttpClientBuilder;
import com.amazonaws.xray.sql.TracingDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Collections;
import javax.sql.DataSource;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.h2.jdbcx.JdbcDataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One call through each real X-Ray integration module, written as an app writes it and using only
 * the X-Ray public API, so that the same bytecode runs on the shim (the tests) and on the real
 * core ({@link ModuleScenarios} in a separate JVM). AWS calls go to {@code endpoint}, an {@link
 * AwsStub}. Each call throws what its client throws.
 */
final class ModuleCalls {
  static final String H2_URL = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";
  static final String H2_USER = "app_user";
  static final String H2_PASSWORD = "s3cret";

  private ModuleCalls() {}

  /** DynamoDB GetItem on {@code table}, traced by the instrumentor's global TracingInterceptor. */
  static void v2DynamoDbGetItem(URI endpoint, String table) {
    try (DynamoDbClient dynamo = AwsClients.v2(DynamoDbClient.builder(), endpoint).build()) {
      dynamo.getItem(r -> r.tableName(table).key(AwsClients.key("o-1")));
    }
  }

  /** S3 ListObjectsV2 on {@code bucket} (path-style, as on a local endpoint). */
  static void v2S3ListObjects(URI endpoint, String bucket) {
    try (S3Client s3 = AwsClients.v2(S3Client.builder(), endpoint).forcePathStyle(true).build()) {
      s3.listObjectsV2(r -> r.bucket(bucket));
    }
  }

  /** SQS SendMessage to the queue named {@code queue} on the stub. */
  static void v2SqsSendMessage(URI endpoint, String queue) {
    try (SqsClient sqs = AwsClients.v2(SqsClient.builder(), endpoint).build()) {
      sqs.sendMessage(r -> r.queueUrl(queueUrl(endpoint, queue)).messageBody("order o-1"));
    }
  }

  static String queueUrl(URI endpoint, String queue) {
    return endpoint + "/123456789012/" + queue;
  }

  /** AWS SDK v1 DynamoDB GetItem on {@code table}, traced by the real TracingHandler. */
  static void v1DynamoDbGetItem(URI endpoint, String table) {
    AmazonDynamoDB dynamo =
        AmazonDynamoDBClientBuilder.standard()
            .withEndpointConfiguration(
                new EndpointConfiguration(endpoint.toString(), AwsClients.REGION))
            .withCredentials(
                new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDTEST", "secret")))
            .withClientConfiguration(new ClientConfiguration().withMaxErrorRetry(0))
            .withRequestHandlers(new TracingHandler(AWSXRay.getGlobalRecorder()))
            .build();
    try {
      dynamo.getItem(
          new com.amazonaws.services.dynamodbv2.model.GetItemRequest()
              .withTableName(table)
              .withKey(
                  Collections.singletonMap(
                      "id", new com.amazonaws.services.dynamodbv2.model.AttributeValue("o-1"))));
    } finally {
      dynamo.shutdown();
    }
  }

  /** A GET through X-Ray's Apache {@code HttpClientBuilder}; returns the status code. */
  static int apacheGet(URI url) throws Exception {
    try (CloseableHttpClient client = HttpClientBuilder.create().build();
        CloseableHttpResponse response = client.execute(new HttpGet(url))) {
      EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
  }

  /**
   * Runs {@code sql} as a prepared statement on the H2 database through the real
   * TracingDataSource (the module records the query text of prepared statements); returns the rows
   * read.
   */
  static int query(String sql) throws Exception {
    try (Connection connection = tracedDataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      if (!statement.execute()) {
        return 0;
      }
      int rows = 0;
      try (ResultSet results = statement.getResultSet()) {
        while (results.next()) {
          rows++;
        }
      }
      return rows;
    }
  }

  /** Creates the {@code orders} table with one row, untraced: set-up, not a call under test. */
  static void createOrdersTable() throws Exception {
    try (Connection connection = h2().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(16) PRIMARY KEY, total INT)");
      statement.execute("MERGE INTO orders KEY (id) VALUES ('o-1', 12)");
    }
  }

  /** The H2 database, with its user and password, wrapped by X-Ray's TracingDataSource. */
  static DataSource tracedDataSource() {
    return TracingDataSource.decorate(h2());
  }

  private static JdbcDataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(H2_URL);
    h2.setUser(H2_USER);
    h2.setPassword(H2_PASSWORD);
    return h2;
  }

  /** Calls the {@code @XRayEnabled} Spring bean through the real X-Ray aspect. */
  static String springCall(String orderId) {
    return SpringApp.orders().price(orderId);
  }
}
