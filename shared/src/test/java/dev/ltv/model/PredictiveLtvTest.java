package dev.ltv.model;

import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.state.CustomerState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictiveLtvTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final ClvSettings SETTINGS = new ClvSettings(12, 0.01, 1);
    /** Round numbers so the figures below can be checked by hand; days, so t_x and T are whole. */
    private static final StoredModel MODEL = new StoredModel(7, Instant.parse("2024-02-01T03:00:00Z"),
            LocalDate.of(2024, 1, 31), 1000, 400, 390, new BgNbdParameters(0.5, 2, 0.5, 1.5, TimeUnit.DAYS), -1234.5,
            new GammaGammaParameters(6, 4, 15), -987.6);

    private static CustomerState state(long purchaseDays, LocalDate last, String revenue, String firstDaySpend) {
        return new CustomerState("c1", new BigDecimal(revenue), purchaseDays, purchaseDays, FIRST, last,
                new BigDecimal(firstDaySpend), 3, Instant.parse("2024-01-11T10:00:00Z"));
    }

    @Test
    void aCustomerWithoutRepeatPurchasesGetsThePopulationSpend() {
        PredictiveLtv view = PredictiveLtv.forCustomer(state(1, FIRST, "50.00", "50.00"), Optional.of(MODEL),
                LocalDate.of(2024, 1, 21), SETTINGS, USD);
        assertEquals(PredictiveLtv.OK, view.status());
        // Gamma-Gamma with x = 0: p·γ / (q − 1) = 6 · 15 / 3 = 30, whatever the first order was
        assertEquals(new BigDecimal("30.00"), view.expectedSpend());
        // BG/NBD: dropout only follows a repeat purchase, so P(alive) is exactly 1 at x = 0
        assertEquals(new BigDecimal("1.000000"), view.probabilityAlive());
        assertNull(view.reason());
    }

    @Test
    void probabilityAliveFollowsTheClosedFormAndDecaysWithAsOf() {
        // x = 1, t_x = 10 days; P(alive) = 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x))
        CustomerState twoDays = state(2, LocalDate.of(2024, 1, 11), "70.00", "50.00");
        PredictiveLtv at20 = PredictiveLtv.forCustomer(twoDays, Optional.of(MODEL), LocalDate.of(2024, 1, 21), SETTINGS, USD);
        PredictiveLtv at40 = PredictiveLtv.forCustomer(twoDays, Optional.of(MODEL), LocalDate.of(2024, 2, 10), SETTINGS, USD);
        // T = 20: 1 / (1 + (1/3) · (22/12)^1.5) = 0.547211
        assertEquals(new BigDecimal("0.547211"), at20.probabilityAlive());
        // T = 40: 1 / (1 + (1/3) · (42/12)^1.5) = 0.314205, with no new purchase
        assertEquals(new BigDecimal("0.314205"), at40.probabilityAlive());
        assertTrue(at40.expectedPurchases().compareTo(at20.expectedPurchases()) < 0);
        assertTrue(at40.clv().compareTo(at20.clv()) < 0);
        // Gamma-Gamma: p (γ + x·m̄) / (p·x + q − 1) = 6 · (15 + 20) / (6 + 3) = 23.33 (m̄ = 70 − 50 over 1 repeat day)
        assertEquals(new BigDecimal("23.33"), at20.expectedSpend());
    }

    @Test
    void echoesTheModelAndTheSettings() {
        PredictiveLtv view = PredictiveLtv.forCustomer(state(1, FIRST, "50.00", "50.00"), Optional.of(MODEL),
                LocalDate.of(2024, 1, 21), new ClvSettings(24, 0.02, 0.4), USD);
        assertEquals(7L, view.modelVersion());
        assertEquals("2024-02-01T03:00:00Z", view.fittedAt());
        assertEquals("days", view.unit());
        assertEquals(24, view.horizonMonths());
        assertEquals(new BigDecimal("0.02"), view.monthlyDiscountRate());
        assertEquals(new BigDecimal("0.4"), view.margin());
        assertEquals(2, view.clv().scale());
        assertEquals(6, view.expectedPurchases().scale());
    }

    @Test
    void marginScalesTheClvOnly() {
        CustomerState customer = state(2, LocalDate.of(2024, 1, 11), "70.00", "50.00");
        LocalDate asOf = LocalDate.of(2024, 1, 21);
        PredictiveLtv full = PredictiveLtv.forCustomer(customer, Optional.of(MODEL), asOf, SETTINGS, USD);
        PredictiveLtv half = PredictiveLtv.forCustomer(customer, Optional.of(MODEL), asOf, new ClvSettings(12, 0.01, 0.5), USD);
        assertEquals(full.expectedSpend(), half.expectedSpend());
        assertEquals(full.expectedPurchases(), half.expectedPurchases());
        // each is rounded to the cent on its own: at most a cent apart after halving
        assertTrue(full.clv().subtract(half.clv().multiply(BigDecimal.TWO)).abs().compareTo(new BigDecimal("0.02")) <= 0);
        assertTrue(half.clv().signum() > 0);
    }

    @Test
    void moneyUsesTheCurrencysMinorUnit() {
        PredictiveLtv yen = PredictiveLtv.forCustomer(state(1, FIRST, "50", "50"), Optional.of(MODEL),
                LocalDate.of(2024, 1, 21), SETTINGS, Currency.getInstance("JPY"));
        assertEquals(new BigDecimal("30"), yen.expectedSpend());
        assertEquals(0, yen.clv().scale());
    }

    @Test
    void withoutAModelTheAnswerIsInsufficientData() {
        PredictiveLtv view = PredictiveLtv.forCustomer(state(1, FIRST, "50.00", "50.00"), Optional.empty(),
                LocalDate.of(2024, 1, 21), SETTINGS, USD);
        assertEquals(PredictiveLtv.INSUFFICIENT_DATA, view.status());
        assertTrue(view.reason().contains("no predictive model"), view.reason());
        assertNull(view.clv());
        assertNull(view.modelVersion());
    }

    @Test
    void beforeTheFirstPurchaseTheAnswerIsInsufficientData() {
        PredictiveLtv view = PredictiveLtv.forCustomer(state(1, FIRST, "50.00", "50.00"), Optional.of(MODEL),
                FIRST.minusDays(1), SETTINGS, USD);
        assertEquals(PredictiveLtv.INSUFFICIENT_DATA, view.status());
        assertTrue(view.reason().contains("had not purchased yet"), view.reason());
    }

    @Test
    void beforeTheLastPurchaseTheHistoryIsUnknown() {
        PredictiveLtv view = PredictiveLtv.forCustomer(state(2, LocalDate.of(2024, 1, 11), "70.00", "50.00"),
                Optional.of(MODEL), LocalDate.of(2024, 1, 5), SETTINGS, USD);
        assertEquals(PredictiveLtv.INSUFFICIENT_DATA, view.status());
        assertTrue(view.reason().contains("2024-01-11"), view.reason());
    }

    @Test
    void aCustomerWithOnlyRefundsLeftIsInsufficientData() {
        CustomerState refundsOnly = new CustomerState("c1", new BigDecimal("-5.00"), 0, 0, null, null,
                BigDecimal.ZERO, 4, Instant.parse("2024-01-11T10:00:00Z"));
        PredictiveLtv view = PredictiveLtv.forCustomer(refundsOnly, Optional.of(MODEL), LocalDate.of(2024, 1, 21),
                SETTINGS, USD);
        assertEquals(PredictiveLtv.INSUFFICIENT_DATA, view.status());
        assertTrue(view.reason().contains("no purchase"), view.reason());
    }

    @Test
    void aPredictionOutOfDoubleRangeIsInsufficientDataNotAFailure() {
        // valid (positive, finite) parameters whose population mean spend p·γ/(q − 1) = 1e300 · 1e300 overflows
        StoredModel overflowing = new StoredModel(8, MODEL.fittedAt(), MODEL.asOf(), 1000, 400, 390, MODEL.bgNbd(),
                -1234.5, new GammaGammaParameters(1e300, 2, 1e300), -987.6);
        PredictiveLtv view = PredictiveLtv.forCustomer(state(1, FIRST, "50.00", "50.00"), Optional.of(overflowing),
                LocalDate.of(2024, 1, 21), SETTINGS, USD);
        assertEquals(PredictiveLtv.INSUFFICIENT_DATA, view.status());
        assertEquals(PredictiveLtv.CANNOT_DESCRIBE, view.reason());
        assertNull(view.clv());
    }

    @Test
    void aHistoryTheModelCannotDescribeGetsAFixedReasonWithoutNumericDetail() {
        // refunds of later days brought the revenue below the first day's spend: a negative repeat spend
        PredictiveLtv view = PredictiveLtv.forCustomer(state(2, LocalDate.of(2024, 1, 11), "30.00", "50.00"),
                Optional.of(MODEL), LocalDate.of(2024, 1, 21), SETTINGS, USD);
        assertEquals(PredictiveLtv.INSUFFICIENT_DATA, view.status());
        assertEquals(PredictiveLtv.CANNOT_DESCRIBE, view.reason());
    }

    @Test
    void serialisesWithoutTheAbsentMembers() {
        String json = dev.ltv.api.Json.write(PredictiveLtv.insufficient("too few"));
        assertEquals("{\"status\":\"INSUFFICIENT_DATA\",\"reason\":\"too few\"}", json);
    }
}
