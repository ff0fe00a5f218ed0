package dev.ltv.model;

import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.PurchaseFit;
import dev.ltv.predict.TimeUnit;
import dev.ltv.state.CustomerState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chosen model predicts, with an interval that holds the point and is the same for every copy of a version. */
class PredictiveIntervalTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);
    private static final ClvSettings SETTINGS = new ClvSettings(12, 0.01, 1);

    private static double[][] diagonal(int n, double variance) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = variance;
        }
        return m;
    }

    private static StoredModel model(ModelKind kind, double[] parameters, long version) {
        PurchaseFit fit = new PurchaseFit(kind, parameters, TimeUnit.WEEKS, -9595.0, 2357, 0, diagonal(4, 0.01));
        ModelChoice choice = new ModelChoice(kind, ModelChoice.Selection.CONFIGURED, null, null,
                List.of(new ModelCandidate(kind, fit, null, null, "no holdout")), diagonal(3, 0.02));
        return new StoredModel(version, Instant.parse("2026-11-30T03:00:00Z"), AS_OF, 2357, 946, 946,
                new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4,
                new GammaGammaParameters(6.25, 3.74, 15.44), -4000, null, choice, null, null, null);
    }

    private static CustomerState customer(long days, LocalDate first, LocalDate last, String revenue) {
        return new CustomerState("c", new BigDecimal(revenue), days, days, first, last, new BigDecimal("10"), 1, null);
    }

    @Test
    void everyCustomerGetsAnOrderedIntervalFromTheChosenModel() {
        StoredModel pareto = model(ModelKind.PARETONBD, new double[] {0.55, 10.58, 0.61, 11.67}, 4);
        List<CustomerState> customers = List.of(
                customer(1, AS_OF.minusDays(3), AS_OF.minusDays(3), "10"),
                customer(3, AS_OF.minusDays(300), AS_OF.minusDays(20), "90"),
                customer(2, AS_OF.minusDays(3000), AS_OF.minusDays(2900), "30"),
                customer(3000, AS_OF.minusDays(36_500), AS_OF, "300000"));
        for (CustomerState state : customers) {
            PredictiveLtv p = PredictiveLtv.forCustomer(state, Optional.of(pareto), AS_OF, SETTINGS, USD, 0.9);
            assertEquals(PredictiveLtv.OK, p.status(), p.reason());
            assertEquals("paretonbd", p.model());
            PredictiveLtv.Interval interval = p.interval();
            assertNotNull(interval, state.toString());
            for (var pair : List.of(List.of(interval.expectedPurchases(), p.expectedPurchases()),
                    List.of(interval.probabilityAlive(), p.probabilityAlive()), List.of(interval.clv(), p.clv()))) {
                PredictiveLtv.Range range = (PredictiveLtv.Range) pair.get(0);
                BigDecimal point = (BigDecimal) pair.get(1);
                assertTrue(range.low().compareTo(point) <= 0 && point.compareTo(range.high()) <= 0, range + " " + point);
            }
            // another copy of the same version (as read by another container): the same interval
            StoredModel copy = model(ModelKind.PARETONBD, new double[] {0.55, 10.58, 0.61, 11.67}, 4);
            assertEquals(interval, PredictiveLtv.forCustomer(state, Optional.of(copy), AS_OF, SETTINGS, USD, 0.9).interval());
        }
        // without a level: the point prediction only (the recalculation's snapshot)
        assertNull(PredictiveLtv.forCustomer(customers.get(1), Optional.of(pareto), AS_OF, SETTINGS, USD).interval());
        // a version saved before candidates: BG/NBD, no interval
        StoredModel old = new StoredModel(3, pareto.fittedAt(), AS_OF, 2357, 946, 946, pareto.bgNbd(), -9582.4,
                pareto.gammaGamma(), -4000);
        PredictiveLtv bg = PredictiveLtv.forCustomer(customers.get(1), Optional.of(old), AS_OF, SETTINGS, USD, 0.9);
        assertEquals("bgnbd", bg.model());
        assertNull(bg.interval());
    }
}
