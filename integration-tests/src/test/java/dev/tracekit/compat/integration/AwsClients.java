package dev.tracekit.compat.integration;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * AWS SDK v2 clients as an app configures them, pointed at a loopback {@link AwsStub}: fixed region and
 * fake static credentials (no credential chain, no instance metadata), and no retries, so one call
 * is one request.
 */
final class AwsClients {
  static final String REGION = "us-east-1";

  private AwsClients() {}

  static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B v2(B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }

  static Map<String, AttributeValue> key(String id) {
    return Collections.singletonMap("id", AttributeValue.builder().s(id).build());
  }
}
