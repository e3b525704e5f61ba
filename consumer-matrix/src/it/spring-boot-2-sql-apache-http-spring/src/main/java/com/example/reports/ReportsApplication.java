package com.example.reports;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.proxies.apache.http.HttpClientBuilder;
import com.amazonaws.xray.sql.TracingDataSource;
import com.amazonaws.xray.strategy.sampling.CentralizedSamplingStrategy;
import java.io.IOException;
import java.net.URL;
import javax.sql.DataSource;
import org.apache.http.impl.client.CloseableHttpClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The nightly reports job: Spring Boot 2, JDBC through X-Ray's TracingDataSource, HTTP through
 * X-Ray's Apache HttpClientBuilder, and the report service traced by X-Ray's Spring aspect. One run
 * is one segment; the exchange-rate service it calls is a stub on loopback that it starts itself.
 */
@SpringBootApplication
public class ReportsApplication {
  static {
    URL rules = ReportsApplication.class.getResource("/sampling-rules.json");
    AWSXRay.setGlobalRecorder(
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new CentralizedSamplingStrategy(rules))
            .build());
  }

  public static void main(String[] args) throws IOException {
    RatesStub rates = RatesStub.start();
    try (ConfigurableApplicationContext context =
        SpringApplication.run(ReportsApplication.class, "--reports.rates.url=" + rates.url())) {
      ReportService reports = context.getBean(ReportService.class);
      Segment segment = AWSXRay.beginSegment("reports-job");
      try {
        reports.createOrders();
        DailyReport report = reports.dailyReport();
        segment.putAnnotation("orders", report.getOrders());
        segment.putMetadata("reports", "daily", report);
        System.out.println("daily report: " + report.getOrders() + " orders");
      } finally {
        AWSXRay.endSegment();
      }
    } finally {
      rates.stop();
    }
  }

  @Bean
  public DataSource dataSource(DataSourceProperties properties) {
    return TracingDataSource.decorate(properties.initializeDataSourceBuilder().build());
  }

  @Bean(destroyMethod = "close")
  public CloseableHttpClient httpClient() {
    return HttpClientBuilder.create().build();
  }
}
