package dev.tracekit.compat.bridge;

import static dev.tracekit.compat.bridge.SamplingRulesTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservoirQuotasTest {
  private static final long START = 1_700_000_000_000L;
  private static final SamplingRule SEVEN_PER_SECOND = rule("orders", 1, 0.25, 7, "*", "*", "*", "*");

  private final SettableClock clock = new SettableClock(START);
  private final ReservoirQuotas quotas = new ReservoirQuotas(clock);

  @Test
  void oneClientGetsTheWholeReservoirForOneInterval() {
    assertThat(quotas.report(SEVEN_PER_SECOND, "a"))
        .isEqualTo(new SamplingTarget("orders", 0.25, 7, START + 10_000, 10));
  }

  @Test
  void activeClientsShareItRoundedUp() {
    assertThat(quotas.report(SEVEN_PER_SECOND, "a").reservoirQuota()).isEqualTo(7);
    assertThat(quotas.report(SEVEN_PER_SECOND, "b").reservoirQuota()).isEqualTo(4); // ceil(7/2)
    assertThat(quotas.report(SEVEN_PER_SECOND, "c").reservoirQuota()).isEqualTo(3); // ceil(7/3)
    // The next interval, each of the three reports again and gets a third.
    clock.advanceMillis(9_999);
    assertThat(quotas.report(SEVEN_PER_SECOND, "a").reservoirQuota()).isEqualTo(3);
    assertThat(quotas.report(SEVEN_PER_SECOND, "b").reservoirQuota()).isEqualTo(3);
  }

  @Test
  void aClientIsNoLongerActiveTenSecondsAfterItsLastReport() {
    quotas.report(SEVEN_PER_SECOND, "a");
    clock.advanceMillis(5_000);
    quotas.report(SEVEN_PER_SECOND, "b");
    clock.advanceMillis(5_000); // a: 10 s silent, b: 5 s

    assertThat(quotas.report(SEVEN_PER_SECOND, "b"))
        .isEqualTo(new SamplingTarget("orders", 0.25, 7, START + 20_000, 10));
  }

  @Test
  void clientsOfOtherRulesDoNotCount() {
    quotas.report(rule("other", 2, 0, 7, "*", "*", "*", "*"), "b");

    assertThat(quotas.report(SEVEN_PER_SECOND, "a").reservoirQuota()).isEqualTo(7);
  }

  @Test
  void anEmptyReservoirGivesNoQuota() {
    SamplingRule none = rule("none", 1, 0.5, 0, "*", "*", "*", "*");
    quotas.report(none, "a");

    assertThat(quotas.report(none, "b").reservoirQuota()).isZero();
  }

  @Test
  void clientsSilentForAMinuteAreForgotten() {
    quotas.report(SEVEN_PER_SECOND, "a");
    quotas.report(SEVEN_PER_SECOND, "b");
    clock.advanceMillis(30_000);
    quotas.report(SEVEN_PER_SECOND, "b");
    assertThat(quotas.size()).isEqualTo(2);

    clock.advanceMillis(30_000); // a: 60 s silent, b: 30 s
    quotas.report(SEVEN_PER_SECOND, "c");

    assertThat(quotas.size()).isEqualTo(2);
  }

  @Test
  void aFullTableDropsTheLongestSilentClient() {
    ReservoirQuotas small = new ReservoirQuotas(clock, 2);
    small.report(SEVEN_PER_SECOND, "a");
    small.report(SEVEN_PER_SECOND, "b");
    small.report(SEVEN_PER_SECOND, "a"); // b is now the longest silent
    small.report(SEVEN_PER_SECOND, "c");

    assertThat(small.size()).isEqualTo(2);
    // a and c remain, b is gone: two active clients share the reservoir.
    assertThat(small.report(SEVEN_PER_SECOND, "a").reservoirQuota()).isEqualTo(4);
  }
}
