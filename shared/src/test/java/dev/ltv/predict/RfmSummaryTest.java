package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RfmSummaryTest {

    private static final LocalDate D1 = LocalDate.of(2024, 3, 1);

    private static Transaction t(String id, int day, String amount) {
        return new Transaction(id, D1.plusDays(day - 1), new BigDecimal(amount));
    }

    @Test
    void mergesSameDayPurchasesAndExcludesTheFirstDayFromMonetaryValue() {
        List<Transaction> log = List.of(t("a", 1, "10.00"), t("a", 1, "5.00"), t("a", 5, "20.00"),
                t("a", 12, "10.25"), t("a", 12, "20.25"), t("a", 25, "99.00"), t("b", 3, "7.10"), t("c", 21, "1"));
        RfmSummary summary = RfmSummary.fromTransactions(log, D1.plusDays(19), TimeUnit.DAYS);
        assertEquals(2, summary.size()); // c starts after the as-of day
        Rfm a = summary.customers().get("a");
        assertEquals(2, a.frequency()); // days 1, 5, 12; day 25 is after as-of
        assertEquals(11, a.recency());
        assertEquals(19, a.age());
        assertEquals(0, new BigDecimal("25.25").compareTo(a.monetaryValue())); // (20 + 30.50) / 2
        Rfm b = summary.customers().get("b");
        assertEquals(0, b.frequency());
        assertEquals(0, b.recency());
        assertEquals(17, b.age());
        assertEquals(0, BigDecimal.ZERO.compareTo(b.monetaryValue()));
    }

    @Test
    void weeksAreDaysOverSeven() {
        RfmSummary summary = RfmSummary.fromTransactions(List.of(t("a", 1, "1"), t("a", 12, "2")), D1.plusDays(19),
                TimeUnit.WEEKS);
        assertEquals(11 / 7.0, summary.customers().get("a").recency(), 0);
        assertEquals(19 / 7.0, summary.customers().get("a").age(), 0);
        assertEquals(TimeUnit.WEEKS, summary.unit());
    }

    @Test
    void incrementalStateGivesTheSameSummary() {
        Rfm rfm = Rfm.fromState(3, D1, D1.plusDays(11), new BigDecimal("65.50"), new BigDecimal("15.00"),
                D1.plusDays(19), TimeUnit.DAYS);
        assertEquals(new Rfm(2, 11, 19, new BigDecimal("25.25"), TimeUnit.DAYS).frequency(), rfm.frequency());
        assertEquals(11, rfm.recency());
        assertEquals(19, rfm.age());
        assertEquals(0, new BigDecimal("25.25").compareTo(rfm.monetaryValue()));
        Rfm single = Rfm.fromState(1, D1, D1, new BigDecimal("9.99"), new BigDecimal("9.99"), D1, TimeUnit.WEEKS);
        assertEquals(0, single.frequency());
        assertEquals(0, single.age());
        assertEquals(0, BigDecimal.ZERO.compareTo(single.monetaryValue()));
    }

    @Test
    void incrementalStateRejectsImpossibleHistories() {
        BigDecimal ten = BigDecimal.TEN;
        assertThrows(IllegalArgumentException.class,
                () -> Rfm.fromState(0, D1, D1, ten, ten, D1, TimeUnit.DAYS));
        assertThrows(IllegalArgumentException.class,
                () -> Rfm.fromState(2, D1, D1.plusDays(5), ten, ten, D1.plusDays(4), TimeUnit.DAYS)); // asOf < last
        assertThrows(IllegalArgumentException.class,
                () -> Rfm.fromState(9, D1, D1.plusDays(5), ten, ten, D1.plusDays(9), TimeUnit.DAYS)); // 9 days in 6
    }

    @Test
    void cdnowCalibrationPeriodMatchesThePublishedSummary() {
        RfmSummary summary = Cdnow.calibration();
        assertEquals(2357, summary.size());
        assertEquals(946, summary.customers().values().stream().filter(r -> r.frequency() > 0).count());
        // customer 1 is the paper's worked example: x = 2, t_x = 30.43, T = 38.86 (weeks)
        Rfm one = summary.customers().get("1");
        assertEquals(2, one.frequency());
        assertEquals("30.43", BgNbdFitterTest.printed(one.recency(), 2));
        assertEquals("38.86", BgNbdFitterTest.printed(one.age(), 2));
        assertEquals(0, new BigDecimal("22.345").compareTo(one.monetaryValue())); // (29.73 + 14.96) / 2
        assertFalse(summary.customers().values().stream().anyMatch(r -> r.age() > 39));
    }
}
