package dev.tracekit.compat.xray.mapping;

import static dev.tracekit.compat.xray.mapping.TestEntityView.attributeNames;
import static dev.tracekit.compat.xray.mapping.TestEntityView.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanLimits;
import dev.tracekit.compat.xray.mapping.RecordedException.StackFrame;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One test per row of {@code docs/mapping.md} that {@link XRaySpanMapping} decides: the kind and
 * name rows of "Span fields", every row of "Span attributes" (names, annotations, metadata, HTTP,
 * AWS, SQL, segment-only fields, precursors, flags), the "Status" bullets and the "Exception
 * events" rows. Each builds an entity as plain values ({@link TestEntityView}), none of the shim's
 * entity classes, runs it through tracekit-core's real pipeline and reads the exported span.
 */
class XRaySpanMappingTest {

  // --- 2. Span fields ---

  @Test
  void aSegmentIsAServerSpan() {
    assertThat(TestEntityView.segment("checkout").toSpan().getKind()).isEqualTo(SpanKind.SERVER);
  }

  @Test
  void aSubsegmentInNamespaceAwsOrRemoteIsAClientSpan() {
    assertThat(TestEntityView.subsegment("DynamoDB").namespace("aws").toSpan().getKind())
        .isEqualTo(SpanKind.CLIENT);
    assertThat(TestEntityView.subsegment("api.example.com").namespace("remote").toSpan().getKind())
        .isEqualTo(SpanKind.CLIENT);
  }

  @Test
  void aSubsegmentWithoutNamespaceOrWithAnyOtherIsAnInternalSpanThatKeepsTheNamespace() {
    assertThat(TestEntityView.subsegment("work").toSpan().getKind()).isEqualTo(SpanKind.INTERNAL);

    SpanData custom = TestEntityView.subsegment("work").namespace("local").toSpan();
    assertThat(custom.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(custom.getAttributes().get(AttributeKey.stringKey("aws.xray.namespace"))).isEqualTo("local");
    // A segment is SERVER whatever namespace it claims.
    assertThat(TestEntityView.segment("app").namespace("aws").toSpan().getKind()).isEqualTo(SpanKind.SERVER);
  }

  @Test
  void theNameIsKeptUnchangedAndCutAt8192Characters() {
    assertThat(TestEntityView.segment("Order Service / v2 ✓").toSpan().getName())
        .isEqualTo("Order Service / v2 ✓");

    String longName = repeat('n', 9000);
    assertThat(TestEntityView.subsegment(longName).toSpan().getName()).isEqualTo(repeat('n', 8192));
  }

  // --- 3. Span attributes: names, annotations, metadata ---

  @Test
  void anyNamespaceIsKeptInAwsXrayNamespace() {
    for (String namespace : Arrays.asList("aws", "remote", "my.custom")) {
      SpanData span = TestEntityView.subsegment("call").namespace(namespace).toSpan();

      assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.namespace")))
          .as(namespace)
          .isEqualTo(namespace);
    }
    assertThat(attributeNames(TestEntityView.subsegment("call").toSpan()))
        .doesNotContain("aws.xray.namespace");
  }

  @Test
  void namespaceAwsGivesAwsServiceAndRpcSystem() {
    Attributes aws = TestEntityView.subsegment("DynamoDB").namespace("aws").toSpan().getAttributes();

    assertThat(aws.get(AttributeKey.stringKey("aws.service"))).isEqualTo("DynamoDB");
    assertThat(aws.get(AttributeKey.stringKey("rpc.system"))).isEqualTo("aws-api");
    assertThat(attributeNames(TestEntityView.subsegment("DynamoDB").namespace("aws").toSpan()))
        .doesNotContain("rpc.service");
    assertThat(attributeNames(TestEntityView.subsegment("api").namespace("remote").toSpan()))
        .doesNotContain("aws.service", "rpc.system");
  }

  @Test
  void annotationStringsBooleansAndDecimalsKeepTheirTypesUnderTheirOwnKeys() {
    Attributes attributes =
        TestEntityView.segment("app")
            .annotations(map("customer", "c-42", "vip", true, "ratio", 0.25, "weight", 1.5f))
            .toSpan()
            .getAttributes();

    assertThat(attributes.get(AttributeKey.stringKey("customer"))).isEqualTo("c-42");
    assertThat(attributes.get(AttributeKey.booleanKey("vip"))).isTrue();
    assertThat(attributes.get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.25);
    assertThat(attributes.get(AttributeKey.doubleKey("weight"))).isEqualTo(1.5);
  }

  @Test
  void annotationIntegersOfEveryIntegralTypeBecomeInt64() {
    Attributes attributes =
        TestEntityView.segment("app")
            .annotations(
                map(
                    "a_long", Long.MAX_VALUE,
                    "an_int", -7,
                    "a_short", (short) 300,
                    "a_byte", (byte) 8,
                    "an_atomic_int", new AtomicInteger(9),
                    "an_atomic_long", new AtomicLong(10L),
                    "a_big_integer", BigInteger.valueOf(Long.MIN_VALUE),
                    "a_big_decimal", new BigDecimal("12"),
                    "a_big_decimal_in_hundreds", new BigDecimal("3E+2")))
            .toSpan()
            .getAttributes();

    assertThat(attributes.get(AttributeKey.longKey("a_long"))).isEqualTo(Long.MAX_VALUE);
    assertThat(attributes.get(AttributeKey.longKey("an_int"))).isEqualTo(-7L);
    assertThat(attributes.get(AttributeKey.longKey("a_short"))).isEqualTo(300L);
    assertThat(attributes.get(AttributeKey.longKey("a_byte"))).isEqualTo(8L);
    assertThat(attributes.get(AttributeKey.longKey("an_atomic_int"))).isEqualTo(9L);
    assertThat(attributes.get(AttributeKey.longKey("an_atomic_long"))).isEqualTo(10L);
    assertThat(attributes.get(AttributeKey.longKey("a_big_integer"))).isEqualTo(Long.MIN_VALUE);
    assertThat(attributes.get(AttributeKey.longKey("a_big_decimal"))).isEqualTo(12L);
    assertThat(attributes.get(AttributeKey.longKey("a_big_decimal_in_hundreds"))).isEqualTo(300L);
  }

  @Test
  void bigIntegersBeyondALongBigDecimalsWithFractionDigitsAndOtherNumbersBecomeDoubles() {
    BigInteger twoToThe64 = BigInteger.ONE.shiftLeft(64);
    Attributes attributes =
        TestEntityView.segment("app")
            .annotations(
                map(
                    "too_big", twoToThe64,
                    "fractional", new BigDecimal("2.5"),
                    "whole_with_fraction_digits", new BigDecimal("5.0"),
                    "beyond_long", new BigDecimal(twoToThe64),
                    "an_adder", new java.util.concurrent.atomic.LongAdder()))
            .toSpan()
            .getAttributes();

    assertThat(attributes.get(AttributeKey.doubleKey("too_big"))).isEqualTo(twoToThe64.doubleValue());
    assertThat(attributes.get(AttributeKey.doubleKey("fractional"))).isEqualTo(2.5);
    assertThat(attributes.get(AttributeKey.doubleKey("whole_with_fraction_digits"))).isEqualTo(5.0);
    assertThat(attributes.get(AttributeKey.doubleKey("beyond_long"))).isEqualTo(twoToThe64.doubleValue());
    assertThat(attributes.get(AttributeKey.doubleKey("an_adder"))).isEqualTo(0.0);
  }

  @Test
  void aBigDecimalOfLongMinValueFitsALongAndBecomesInt64() {
    Attributes attributes =
        TestEntityView.segment("app")
            .annotations(map("lowest", new BigDecimal(Long.MIN_VALUE)))
            .toSpan()
            .getAttributes();

    assertThat(attributes.get(AttributeKey.longKey("lowest"))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void anEmptyStringAnnotationIsKept() {
    SpanData span = TestEntityView.segment("app").annotations(map("note", "")).toSpan();

    assertThat(span.getAttributes().get(AttributeKey.stringKey("note"))).isEmpty();
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("aws.xray.annotations")))
        .containsExactly("note");
  }

  @Test
  void theKeysOfTheAnnotationsKeptAreListedSortedInAwsXrayAnnotations() {
    Map<String, Object> annotations = map("zeta", 1, "Alpha", "a", "mid_1", true, "beta", 2.0);
    // More annotations than the short sort handles, so both ways of sorting are used.
    Map<String, Object> many = map();
    for (int i = 40; i > 0; i--) {
      many.put("k" + i, i);
    }

    assertThat(
            TestEntityView.segment("app").annotations(annotations).toSpan().getAttributes()
                .get(AttributeKey.stringArrayKey("aws.xray.annotations")))
        .containsExactly("Alpha", "beta", "mid_1", "zeta");
    assertThat(
            TestEntityView.segment("app").annotations(many).toSpan().getAttributes()
                .get(AttributeKey.stringArrayKey("aws.xray.annotations")))
        .isSortedAccordingTo(String::compareTo)
        .containsExactlyInAnyOrderElementsOf(many.keySet());
  }

  @Test
  void annotationsWithKeysOtherThanLettersDigitsAndUnderscoreOrOtherValuesAreLeftOut() {
    Map<String, Object> annotations =
        map(
            "kept_1", "yes",
            "has.dot", "no",
            "has-dash", "no",
            "has space", "no",
            "café", "no",
            "", "no",
            "a_list", Collections.singletonList("no"),
            "a_map", map("k", "v"),
            "a_null", null);
    SpanData span = TestEntityView.segment("app").annotations(annotations).toSpan();

    assertThat(attributeNames(span)).containsExactlyInAnyOrder("aws.xray.annotations", "kept_1");
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("aws.xray.annotations")))
        .containsExactly("kept_1");
  }

  @Test
  void aMetadataNamespaceBecomesAwsXrayMetadataWithTheJsonOfItsMap() {
    Map<String, Object> defaultNamespace = map("cart", map("items", 3, "total", 12.5));
    Map<String, Object> orders = map("id", "o-1", "tags", Arrays.asList("a", "b"));
    SpanData span =
        TestEntityView.segment("app").metadata(map("default", defaultNamespace, "orders", orders)).toSpan();

    assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.metadata.default")))
        .isEqualTo("{\"cart\":{\"items\":3,\"total\":12.5}}");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.metadata.orders")))
        .isEqualTo("{\"id\":\"o-1\",\"tags\":[\"a\",\"b\"]}");
  }

  @Test
  void anEmptyMetadataNamespaceIsLeftOut() {
    SpanData span =
        TestEntityView.segment("app")
            .metadata(map("empty", map(), "none", null, "kept", map("k", "v")))
            .toSpan();

    assertThat(attributeNames(span)).containsExactly("aws.xray.metadata.kept");
  }

  @Test
  void metadataLongerThan8192CharactersIsCut() {
    String big = repeat('m', 9000);
    String json =
        TestEntityView.segment("app").metadata(map("default", map("blob", big))).toSpan().getAttributes()
            .get(AttributeKey.stringKey("aws.xray.metadata.default"));

    assertThat(json).hasSize(8192).isEqualTo(("{\"blob\":\"" + big).substring(0, 8192));
  }

  @Test
  void mappedAttributesSurviveWhenAnnotationsAndMetadataExceedTheSpanAttributeLimit() {
    Map<String, Object> annotations = new TreeMap<>();
    Map<String, Object> metadata = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      annotations.put("a" + i, i);
      metadata.put("ns" + i, map("k", i));
    }
    SpanData span =
        TestEntityView.subsegment("DynamoDB")
            .namespace("aws")
            .fault()
            .http(map("request", map("method", "POST"), "response", map("status", 500)))
            .aws(map("operation", "GetItem", "region", "eu-west-1", "retries", 2))
            .sql(map("database_type", "PostgreSQL", "sanitized_query", "SELECT 1"))
            .precursorIds("aaaaaaaaaaaaaaaa")
            .annotations(annotations)
            .metadata(metadata)
            .toSpan();

    assertThat(attributeNames(span))
        .hasSize(SpanLimits.DEFAULT_MAX_ATTRIBUTES)
        .contains(
            "aws.service",
            "rpc.system",
            "aws.xray.namespace",
            "http.request.method",
            "http.response.status_code",
            "aws.operation",
            "rpc.method",
            "aws.region",
            "aws.xray.retries",
            "db.system.name",
            "db.query.text",
            "aws.xray.precursor_ids",
            "aws.xray.fault",
            "aws.xray.annotations");
    assertThat(span.getDroppedAttributesCount()).isEqualTo(14 + 200 + 200 - SpanLimits.DEFAULT_MAX_ATTRIBUTES);
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  // --- 3. Span attributes: HTTP ---

  @Test
  void requestMethodBecomesHttpRequestMethod() {
    assertThat(httpAttributes(map("request", map("method", "PUT"))).get(AttributeKey.stringKey("http.request.method")))
        .isEqualTo("PUT");
  }

  @Test
  void requestUrlBecomesUrlFullWithoutUserInfo() {
    String url = "https://alice:" + TestSecrets.secret("pw") + "@shop.example.com:8443/cart/1?page=2#top";

    assertThat(httpAttributes(map("request", map("url", url))).get(AttributeKey.stringKey("url.full")))
        .isEqualTo("https://shop.example.com:8443/cart/1?page=2#top");
  }

  @Test
  void queryParametersCarryingCredentialsAreRedactedInUrlFull() {
    String url =
        "https://bucket.s3.amazonaws.com/k%20ey?X-Amz-Credential=" + TestSecrets.secret("cred")
            + "&X-Amz-Signature=" + TestSecrets.secret("sig")
            + "&x-amz-security-token=" + TestSecrets.secret("token")
            + "&sig=" + TestSecrets.secret("s")
            + "&AWSAccessKeyId=" + TestSecrets.secret("key")
            + "&X-Amz-Expires=300&q=a+b";

    assertThat(httpAttributes(map("request", map("url", url))).get(AttributeKey.stringKey("url.full")))
        .isEqualTo(
            "https://bucket.s3.amazonaws.com/k%20ey?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED"
                + "&x-amz-security-token=REDACTED&sig=REDACTED&AWSAccessKeyId=REDACTED"
                + "&X-Amz-Expires=300&q=a+b");
  }

  @Test
  void requestClientIpBecomesClientAddress() {
    assertThat(httpAttributes(map("request", map("client_ip", "203.0.113.7"))).get(AttributeKey.stringKey("client.address")))
        .isEqualTo("203.0.113.7");
  }

  @Test
  void requestUserAgentBecomesUserAgentOriginal() {
    assertThat(
            httpAttributes(map("request", map("user_agent", "curl/8.5.0")))
                .get(AttributeKey.stringKey("user_agent.original")))
        .isEqualTo("curl/8.5.0");
  }

  @Test
  void requestXForwardedForBecomesAwsXrayXForwardedForAsRecorded() {
    assertThat(
            httpAttributes(map("request", map("x_forwarded_for", true)))
                .get(AttributeKey.booleanKey("aws.xray.x_forwarded_for")))
        .isTrue();
    assertThat(
            httpAttributes(map("request", map("x_forwarded_for", "198.51.100.1")))
                .get(AttributeKey.stringKey("aws.xray.x_forwarded_for")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void responseStatusBecomesInt64HttpResponseStatusCodeAndANonNumberStaysAString() {
    assertThat(httpAttributes(map("response", map("status", 404))).get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(404L);
    assertThat(httpAttributes(map("response", map("status", "503"))).get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo(503L);
    assertThat(
            httpAttributes(map("response", map("status", "teapot")))
                .get(AttributeKey.stringKey("http.response.status_code")))
        .isEqualTo("teapot");
  }

  @Test
  void responseContentLengthBecomesInt64HttpResponseBodySizeAndANonNumberStaysAString() {
    assertThat(
            httpAttributes(map("response", map("content_length", 1024L)))
                .get(AttributeKey.longKey("http.response.body.size")))
        .isEqualTo(1024L);
    assertThat(
            httpAttributes(map("response", map("content_length", "lots")))
                .get(AttributeKey.stringKey("http.response.body.size")))
        .isEqualTo("lots");
  }

  @Test
  void httpUsesTheCurrentNamesNotTheOlderOnes() {
    SpanData span =
        TestEntityView.segment("app")
            .http(
                map(
                    "request", map("method", "GET", "url", "http://h/", "client_ip", "10.0.0.1", "traced", true),
                    "response", map("status", 200, "content_length", 5)))
            .toSpan();

    assertThat(attributeNames(span))
        .containsExactlyInAnyOrder(
            "http.request.method", "url.full", "client.address", "http.response.status_code", "http.response.body.size");
  }

  // --- 3. Span attributes: AWS ---

  @Test
  void awsOperationBecomesAwsOperationAndRpcMethod() {
    Attributes attributes = awsAttributes(map("operation", "PutItem"));

    assertThat(attributes.get(AttributeKey.stringKey("aws.operation"))).isEqualTo("PutItem");
    assertThat(attributes.get(AttributeKey.stringKey("rpc.method"))).isEqualTo("PutItem");
  }

  @Test
  void awsRegionRequestIdAccountIdQueueUrlAndTableNameKeepTheReceiversKeys() {
    Attributes attributes =
        awsAttributes(
            map(
                "region", "us-west-2",
                "request_id", "3AIENM5J4ELQ3SPODHKBIRVIC3VV4KQNSO5AEMVJF66Q9ASUAAJG",
                "account_id", "123456789012",
                "queue_url", "https://sqs.us-west-2.amazonaws.com/123456789012/orders",
                "table_name", "Orders"));

    assertThat(attributes.get(AttributeKey.stringKey("aws.region"))).isEqualTo("us-west-2");
    assertThat(attributes.get(AttributeKey.stringKey("aws.request_id")))
        .isEqualTo("3AIENM5J4ELQ3SPODHKBIRVIC3VV4KQNSO5AEMVJF66Q9ASUAAJG");
    assertThat(attributes.get(AttributeKey.stringKey("aws.account_id"))).isEqualTo("123456789012");
    assertThat(attributes.get(AttributeKey.stringKey("aws.queue_url")))
        .isEqualTo("https://sqs.us-west-2.amazonaws.com/123456789012/orders");
    assertThat(attributes.get(AttributeKey.stringKey("aws.table_name"))).isEqualTo("Orders");
  }

  @Test
  void anyOtherAwsKeyWithAStringNumberOrBooleanValueBecomesAwsKeyOfTheSameType() {
    Attributes attributes =
        awsAttributes(map("bucket_name", "photos", "max_keys", 1000, "consistent_read", true, "ratio", 0.5));

    assertThat(attributes.get(AttributeKey.stringKey("aws.bucket_name"))).isEqualTo("photos");
    assertThat(attributes.get(AttributeKey.longKey("aws.max_keys"))).isEqualTo(1000L);
    assertThat(attributes.get(AttributeKey.booleanKey("aws.consistent_read"))).isTrue();
    assertThat(attributes.get(AttributeKey.doubleKey("aws.ratio"))).isEqualTo(0.5);
  }

  @Test
  void anyOtherAwsKeyWithAListValueBecomesAwsKeyAsJsonText() {
    assertThat(
            awsAttributes(map("attribute_names", Arrays.asList("id", 2, true)))
                .get(AttributeKey.stringKey("aws.attribute_names")))
        .isEqualTo("[\"id\",2,true]");
  }

  @Test
  void awsRetriesBecomesInt64AwsXrayRetries() {
    SpanData span = TestEntityView.subsegment("S3").aws(map("retries", 3)).toSpan();

    assertThat(span.getAttributes().get(AttributeKey.longKey("aws.xray.retries"))).isEqualTo(3L);
    assertThat(attributeNames(span)).containsExactly("aws.xray.retries");
  }

  @Test
  void theSdkDescriptionInAwsXrayIsLeftOut() {
    SpanData span =
        TestEntityView.segment("app").aws(map("xray", map("sdk", "X-Ray for Java", "sdk_version", "2.21.0"))).toSpan();

    assertThat(attributeNames(span)).isEmpty();
  }

  @Test
  void pluginMapsAndSetsInTheAwsBlockAreLeftOut() {
    Map<String, Object> aws =
        map(
            "ec2", map("instance_id", "i-1", "availability_zone", "us-west-2b"),
            "ecs", map("container", "c"),
            "eks", map("pod", "p"),
            "elastic_beanstalk", map("environment_name", "prod"),
            "cloudwatch_logs", new HashSet<>(Collections.singletonList(map("log_group", "g"))));

    assertThat(attributeNames(TestEntityView.segment("app").aws(aws).toSpan())).isEmpty();
  }

  // --- 3. Span attributes: SQL ---

  @Test
  void databaseTypeBecomesLowerCasedDbSystemName() {
    assertThat(sqlAttributes(map("database_type", "PostgreSQL")).get(AttributeKey.stringKey("db.system.name")))
        .isEqualTo("postgresql");
  }

  @Test
  void sanitizedQueryBecomesDbQueryText() {
    assertThat(
            sqlAttributes(map("sanitized_query", "SELECT * FROM orders WHERE id = ?"))
                .get(AttributeKey.stringKey("db.query.text")))
        .isEqualTo("SELECT * FROM orders WHERE id = ?");
  }

  @Test
  void sqlUserBecomesDbUser() {
    assertThat(sqlAttributes(map("user", "app_rw")).get(AttributeKey.stringKey("db.user"))).isEqualTo("app_rw");
  }

  @Test
  void sqlUrlBecomesAwsXraySqlUrlWithoutCredentials() {
    String pw = TestSecrets.secret("pw");

    assertThat(urlOf(map("url", "jdbc:postgresql://app:" + pw + "@db:5432/orders?ssl=true&password=" + pw)))
        .isEqualTo("jdbc:postgresql://db:5432/orders?ssl=true&password=");
    assertThat(urlOf(map("url", "jdbc:oracle:thin:scott/" + pw + "@db:1521:orcl")))
        .isEqualTo("jdbc:oracle:thin:@db:1521:orcl");
    assertThat(
            urlOf(
                map(
                    "url",
                    "jdbc:sqlserver://db:1433;databaseName=shop;user=sa;password=" + pw + ";accessToken="
                        + TestSecrets.secret("token") + ";clientSecret=" + TestSecrets.secret("s"))))
        .isEqualTo("jdbc:sqlserver://db:1433;databaseName=shop;user=;password=;accessToken=;clientSecret=");
  }

  @Test
  void theConnectionStringIsUsedWhenThereIsNoUrl() {
    String pw = TestSecrets.secret("pw");

    assertThat(urlOf(map("connection_string", "Server=db;Database=shop;User Id=sa;Password=" + pw + ";")))
        .isEqualTo("Server=db;Database=shop;User Id=;Password=;");
    assertThat(urlOf(map("url", "jdbc:mysql://db:3306/shop", "connection_string", "ignored")))
        .isEqualTo("jdbc:mysql://db:3306/shop");
  }

  @Test
  void theDatabaseNamedInTheUrlBecomesDbNamespaceOnlyWhenTheUrlNamesOne() {
    assertThat(
            sqlAttributes(map("url", "jdbc:postgresql://u:" + TestSecrets.secret("pw") + "@db:5432/orders?ssl=true"))
                .get(AttributeKey.stringKey("db.namespace")))
        .isEqualTo("orders");
    assertThat(attributeNames(TestEntityView.subsegment("db").sql(map("url", "jdbc:h2:mem:test")).toSpan()))
        .containsExactly("aws.xray.sql.url");
  }

  @Test
  void sqlUsesTheCurrentNamesNotTheOlderOnesNorAConnectionString() {
    SpanData span =
        TestEntityView.subsegment("db")
            .sql(
                map(
                    "database_type", "MySQL",
                    "sanitized_query", "SELECT 1",
                    "user", "u",
                    "url", "jdbc:mysql://db:3306/shop",
                    "database_version", "8.0",
                    "driver_version", "8.3",
                    "preparation", "prepared"))
            .toSpan();

    assertThat(attributeNames(span))
        .containsExactlyInAnyOrder("db.system.name", "db.query.text", "db.user", "aws.xray.sql.url", "db.namespace");
  }

  // --- 3. Span attributes: segment-only fields, precursors, flags ---

  @Test
  void userBecomesEnduserId() {
    assertThat(TestEntityView.segment("app").user("alice").toSpan().getAttributes().get(AttributeKey.stringKey("enduser.id")))
        .isEqualTo("alice");
  }

  @Test
  void originBecomesAwsXrayOrigin() {
    assertThat(
            TestEntityView.segment("app").origin("AWS::EC2::Instance").toSpan().getAttributes()
                .get(AttributeKey.stringKey("aws.xray.origin")))
        .isEqualTo("AWS::EC2::Instance");
  }

  @Test
  void resourceArnBecomesAwsXrayResourceArnOnTheSpan() {
    String arn = "arn:aws:elasticbeanstalk:us-west-2:123456789012:environment/app/prod";

    assertThat(
            TestEntityView.segment("app").resourceArn(arn).toSpan().getAttributes()
                .get(AttributeKey.stringKey("aws.xray.resource_arn")))
        .isEqualTo(arn);
  }

  @Test
  void precursorIdsBecomeAStringArray() {
    assertThat(
            TestEntityView.subsegment("step").precursorIds("53995c3f42cd8ad8", "70de5b6f19ff9a0a").toSpan()
                .getAttributes().get(AttributeKey.stringArrayKey("aws.xray.precursor_ids")))
        .containsExactly("53995c3f42cd8ad8", "70de5b6f19ff9a0a");
  }

  @Test
  void faultErrorAndThrottleBecomeTrueAttributesOnlyWhenSet() {
    Attributes all = TestEntityView.segment("app").fault().error().throttle().toSpan().getAttributes();

    assertThat(all.get(AttributeKey.booleanKey("aws.xray.fault"))).isTrue();
    assertThat(all.get(AttributeKey.booleanKey("aws.xray.error"))).isTrue();
    assertThat(all.get(AttributeKey.booleanKey("aws.xray.throttle"))).isTrue();
    assertThat(attributeNames(TestEntityView.segment("app").throttle().toSpan()))
        .containsExactly("aws.xray.throttle");
    assertThat(attributeNames(TestEntityView.segment("app").toSpan())).isEmpty();
  }

  // --- 4. Status ---

  @Test
  void statusIsErrorWhenFaultIsSet() {
    SpanData span = TestEntityView.segment("app").fault().toSpan();

    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatusDescription()).isEmpty();
  }

  @Test
  void statusIsErrorWhenErrorIsSet() {
    SpanData span = TestEntityView.segment("app").error().toSpan();

    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatusDescription()).isEmpty();
  }

  @Test
  void statusIsErrorWithTheFirstMessageOfTheRecordedExceptions() {
    SpanData span =
        TestEntityView.segment("app")
            .exception(exception(null, "java.lang.Error", null))
            .exception(exception(null, "java.io.IOException", "disk full"))
            .exception(exception(null, "java.lang.IllegalStateException", "later"))
            .toSpan();

    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatusDescription()).isEqualTo("disk full");
  }

  @Test
  void statusIsUnsetOtherwiseWhateverTheHttpStatusAndNeverOk() {
    SpanData server500 = TestEntityView.segment("app").http(map("response", map("status", 500))).toSpan();
    SpanData messageless = TestEntityView.segment("app").exception(exception(null, "java.lang.Error", null)).toSpan();

    assertThat(server500.getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(messageless.getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(TestEntityView.segment("app").toSpan().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void throttleAloneLeavesTheStatusUnset() {
    assertThat(TestEntityView.segment("app").throttle().toSpan().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  // --- 5. Exception events ---

  @Test
  void eachRecordedExceptionBecomesOneExceptionEventInOrderAtTheEntitysEnd() {
    long end = TestEntityView.START_NANOS + 123_456_000L;
    SpanData span =
        TestEntityView.segment("app")
            .endNanos(end)
            .exception(exception("0000000000000001", "A", "first"))
            .exception(exception("0000000000000002", "B", "second"))
            .toSpan();

    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception", "exception");
    assertThat(span.getEvents()).extracting(EventData::getEpochNanos).containsExactly(end, end);
    assertThat(span.getEvents())
        .extracting(event -> event.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .containsExactly("first", "second");
  }

  @Test
  void exceptionTypeBecomesExceptionType() {
    assertThat(onlyEvent(exception(null, "com.example.CartException", null)).get(AttributeKey.stringKey("exception.type")))
        .isEqualTo("com.example.CartException");
    assertThat(eventAttributeNames(exception(null, null, "m"))).doesNotContain("exception.type");
  }

  @Test
  void exceptionMessageBecomesExceptionMessage() {
    assertThat(onlyEvent(exception(null, "E", "cart 7 not found")).get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("cart 7 not found");
    assertThat(eventAttributeNames(exception(null, "E", null))).doesNotContain("exception.message");
  }

  @Test
  void exceptionStackBecomesAJavaStyleStacktrace() {
    List<StackFrame> frames =
        Arrays.asList(
            new StackFrame("com.example.Cart.load", "Cart.java", 42),
            new StackFrame("java.lang.Object.wait", "Object.java", -2),
            new StackFrame("handler.process", null, 7),
            new StackFrame("com.example.App.main", "App.java", 3));
    RecordedException recorded =
        new RecordedException(null, "com.example.CartException", "no cart", false, frames, 12, 0, null);

    assertThat(onlyEvent(recorded).get(AttributeKey.stringKey("exception.stacktrace")))
        .isEqualTo(
            "com.example.CartException: no cart\n"
                + "\tat com.example.Cart.load(Cart.java:42)\n"
                + "\tat java.lang.Object.wait(Native Method)\n"
                + "\tat handler.process(Unknown Source)\n"
                + "\tat com.example.App.main(App.java:3)\n"
                + "\t... 12 more");
    RecordedException uncut =
        new RecordedException(
            null, "ValueError", null, false, Collections.singletonList(new StackFrame("main", "app.py", 9)), 0, 0, null);
    assertThat(onlyEvent(uncut).get(AttributeKey.stringKey("exception.stacktrace")))
        .isEqualTo("ValueError\n\tat main(app.py:9)");
  }

  @Test
  void exceptionIdBecomesAwsXrayExceptionIdWhenSet() {
    assertThat(onlyEvent(exception("1a2b3c4d5e6f7a8b", "E", "m")).get(AttributeKey.stringKey("aws.xray.exception.id")))
        .isEqualTo("1a2b3c4d5e6f7a8b");
    assertThat(eventAttributeNames(exception(null, "E", "m"))).doesNotContain("aws.xray.exception.id");
  }

  @Test
  void exceptionRemoteIsAlwaysWrittenAsABoolean() {
    RecordedException remote = new RecordedException(null, "E", "m", true, null, 0, 0, null);

    assertThat(onlyEvent(remote).get(AttributeKey.booleanKey("aws.xray.exception.remote"))).isTrue();
    assertThat(onlyEvent(exception(null, "E", "m")).get(AttributeKey.booleanKey("aws.xray.exception.remote")))
        .isFalse();
  }

  @Test
  void exceptionTruncatedIsAlwaysWrittenAsInt64() {
    RecordedException cut = new RecordedException(null, "E", "m", false, null, 5, 0, null);

    assertThat(onlyEvent(cut).get(AttributeKey.longKey("aws.xray.exception.truncated"))).isEqualTo(5L);
    assertThat(onlyEvent(exception(null, "E", "m")).get(AttributeKey.longKey("aws.xray.exception.truncated")))
        .isZero();
  }

  @Test
  void exceptionSkippedIsAlwaysWrittenAsInt64() {
    RecordedException skipped = new RecordedException(null, "E", "m", false, null, 0, 4, null);

    assertThat(onlyEvent(skipped).get(AttributeKey.longKey("aws.xray.exception.skipped"))).isEqualTo(4L);
    assertThat(onlyEvent(exception(null, "E", "m")).get(AttributeKey.longKey("aws.xray.exception.skipped")))
        .isZero();
  }

  @Test
  void exceptionCauseBecomesAwsXrayExceptionCauseWhenSet() {
    RecordedException caused = new RecordedException("2222222222222222", "E", "m", false, null, 0, 0, "1111111111111111");

    assertThat(onlyEvent(caused).get(AttributeKey.stringKey("aws.xray.exception.cause")))
        .isEqualTo("1111111111111111");
    assertThat(eventAttributeNames(exception(null, "E", "m"))).doesNotContain("aws.xray.exception.cause");
  }

  @Test
  void aChainOfCausesGivesOneEventPerEntryEachWithItsOwnStackAndNoCausedBySection() {
    RecordedException outer =
        new RecordedException(
            "0000000000000001", "Outer", "wrapped", false,
            Collections.singletonList(new StackFrame("a.Outer.run", "Outer.java", 10)), 0, 0, "0000000000000002");
    RecordedException inner =
        new RecordedException(
            "0000000000000002", "Inner", "root cause", false,
            Collections.singletonList(new StackFrame("a.Inner.run", "Inner.java", 20)), 0, 0, null);
    SpanData span = TestEntityView.segment("app").exception(outer).exception(inner).toSpan();

    assertThat(span.getEvents())
        .extracting(event -> event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .containsExactly("Outer: wrapped\n\tat a.Outer.run(Outer.java:10)", "Inner: root cause\n\tat a.Inner.run(Inner.java:20)");
  }

  @Test
  void exceptionEventsCarryExactlyTheKeysOfTheTable() {
    RecordedException full =
        new RecordedException(
            "1", "E", "m", true, Collections.singletonList(new StackFrame("f", "F.java", 1)), 1, 2, "0");

    assertThat(eventAttributeNames(full))
        .containsExactlyInAnyOrder(
            "exception.type",
            "exception.message",
            "exception.stacktrace",
            "aws.xray.exception.id",
            "aws.xray.exception.remote",
            "aws.xray.exception.truncated",
            "aws.xray.exception.skipped",
            "aws.xray.exception.cause");
  }

  // --- helpers ---

  private static Attributes httpAttributes(Map<String, Object> http) {
    return TestEntityView.segment("app").http(http).toSpan().getAttributes();
  }

  private static Attributes awsAttributes(Map<String, Object> aws) {
    return TestEntityView.subsegment("S3").namespace("aws").aws(aws).toSpan().getAttributes();
  }

  private static Attributes sqlAttributes(Map<String, Object> sql) {
    return TestEntityView.subsegment("db").sql(sql).toSpan().getAttributes();
  }

  private static String urlOf(Map<String, Object> sql) {
    return sqlAttributes(sql).get(AttributeKey.stringKey("aws.xray.sql.url"));
  }

  private static RecordedException exception(String id, String type, String message) {
    return new RecordedException(id, type, message, false, null, 0, 0, null);
  }

  private static Attributes onlyEvent(RecordedException exception) {
    List<EventData> events = TestEntityView.segment("app").exception(exception).toSpan().getEvents();
    assertThat(events).hasSize(1);
    return events.get(0).getAttributes();
  }

  private static List<String> eventAttributeNames(RecordedException exception) {
    List<String> names = new ArrayList<>();
    onlyEvent(exception).forEach((key, value) -> names.add(key.getKey()));
    return names;
  }

  private static String repeat(char c, int count) {
    char[] chars = new char[count];
    Arrays.fill(chars, c);
    return new String(chars);
  }
}
