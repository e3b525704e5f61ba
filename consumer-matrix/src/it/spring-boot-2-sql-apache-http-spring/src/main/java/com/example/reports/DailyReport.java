package com.example.reports;

import java.math.BigDecimal;

/** The report, as the job prints it and X-Ray records it in metadata. */
public final class DailyReport {
  private final int orders;
  private final BigDecimal totalUsd;

  DailyReport(int orders, BigDecimal totalUsd) {
    this.orders = orders;
    this.totalUsd = totalUsd;
  }

  public int getOrders() {
    return orders;
  }

  public BigDecimal getTotalUsd() {
    return totalUsd;
  }
}
