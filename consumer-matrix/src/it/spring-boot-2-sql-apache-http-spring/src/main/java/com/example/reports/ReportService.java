package com.example.reports;

import com.amazonaws.xray.spring.aop.XRayEnabled;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The day's orders from the database, converted with the rate from the exchange-rate service. */
@Service
@XRayEnabled
public class ReportService {
  private final JdbcTemplate jdbc;
  private final CloseableHttpClient http;
  private final String ratesUrl;

  public ReportService(
      JdbcTemplate jdbc, CloseableHttpClient http, @Value("${reports.rates.url}") String ratesUrl) {
    this.jdbc = jdbc;
    this.http = http;
    this.ratesUrl = ratesUrl;
  }

  public void createOrders() {
    jdbc.execute("CREATE TABLE orders (id VARCHAR(20) PRIMARY KEY, total_eur DECIMAL(10, 2))");
    jdbc.update("INSERT INTO orders VALUES (?, ?), (?, ?)", "o-1", 12.5, "o-2", 30);
  }

  public DailyReport dailyReport() throws IOException {
    Integer orders = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
    BigDecimal totalEur =
        jdbc.queryForObject("SELECT SUM(total_eur) FROM orders", BigDecimal.class);
    String rate = http.execute(new HttpGet(ratesUrl), r -> EntityUtils.toString(r.getEntity()));
    return new DailyReport(orders, totalEur.multiply(new BigDecimal(rate.trim())));
  }
}
