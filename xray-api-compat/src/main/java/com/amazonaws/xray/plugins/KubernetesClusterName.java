package com.amazonaws.xray.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.logging.Level;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Asks the Kubernetes API for the cluster name that CloudWatch Container Insights stores in the
 * {@code amazon-cloudwatch/cluster-info} config map ({@code data."cluster.name"}), authenticated
 * with the pod's service-account token and trusting the service account's {@code ca.crt} (the
 * default trust store when it is missing). Bounded in time; never throws.
 */
final class KubernetesClusterName {
  static final String CONFIG_MAP_PATH =
      "/api/v1/namespaces/amazon-cloudwatch/configmaps/cluster-info";

  private KubernetesClusterName() {}

  /**
   * Returns the cluster name; empty when the API answered without one (as the X-Ray SDK records
   * it); null when there is no usable answer.
   */
  @Nullable
  static String fetch(Path serviceAccountDir, String apiUrl, long timeoutMillis) {
    String token;
    try {
      token =
          new String(
                  PluginSupport.readSmallFile(serviceAccountDir.resolve("token")),
                  StandardCharsets.UTF_8)
              .trim();
    } catch (IOException | RuntimeException e) {
      PluginSupport.LOGGER.log(Level.FINE, "No Kubernetes service-account token: " + e);
      return null;
    }
    String body;
    try {
      MetadataClient.Response response =
          MetadataClient.send(
              "GET",
              new URL(apiUrl + CONFIG_MAP_PATH),
              Collections.singletonMap("Authorization", "Bearer " + token),
              PluginSupport.CONNECT_TIMEOUT_MILLIS,
              MetadataClient.Deadline.afterMillis(timeoutMillis),
              socketFactory(serviceAccountDir.resolve("ca.crt")));
      body = response.body;
    } catch (IOException | RuntimeException e) {
      PluginSupport.LOGGER.log(
          Level.WARNING, "Could not read the cluster name from the Kubernetes API: " + e);
      return null;
    }
    try {
      JsonNode root = PluginSupport.readTree(body);
      return root == null ? null : root.at("/data/cluster.name").asText();
    } catch (IOException | RuntimeException e) {
      PluginSupport.LOGGER.log(
          Level.WARNING, "The Kubernetes API answered something other than JSON");
      return null;
    }
  }

  /** Returns a socket factory trusting the certificates in {@code caFile}, or null (defaults). */
  @Nullable
  private static SSLSocketFactory socketFactory(Path caFile) {
    if (!Files.isRegularFile(caFile)) {
      return null;
    }
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(PluginSupport.readSmallFile(caFile)));
      if (certificates.isEmpty()) {
        return null;
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("k8s-ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      PluginSupport.LOGGER.log(
          Level.WARNING,
          "Could not load the Kubernetes CA " + caFile + "; using the default trust store: " + e);
      return null;
    }
  }
}
