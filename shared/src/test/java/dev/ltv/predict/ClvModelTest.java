package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClvModelTest {

    private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

    @Test
    void tooFewCustomersIsInsufficientData() {
        List<Transaction> log = List.of(new Transaction("a", DAY, BigDecimal.ONE),
                new Transaction("a", DAY.plusDays(3), BigDecimal.ONE));
        FitOutcome outcome = ClvModel.fit(RfmSummary.fromTransactions(log, DAY.plusDays(10), TimeUnit.DAYS));
        InsufficientData insufficient = assertInstanceOf(InsufficientData.class, outcome);
        assertTrue(insufficient.reason().contains("at least 30 customers"), insufficient.reason());
    }

    @Test
    void noRepeatCustomersIsInsufficientData() {
        List<Transaction> log = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            log.add(new Transaction("c" + i, DAY.plusDays(i), BigDecimal.TEN));
        }
        FitOutcome outcome = ClvModel.fit(RfmSummary.fromTransactions(log, DAY.plusDays(60), TimeUnit.DAYS));
        InsufficientData insufficient = assertInstanceOf(InsufficientData.class, outcome);
        assertTrue(insufficient.reason().contains("repeat purchase, has 0"), insufficient.reason());
    }

    @Test
    void cdnowCustomerPrediction() {
        ClvModel model = assertInstanceOf(ClvModel.class, ClvModel.fit(Cdnow.calibration()));
        Rfm one = Cdnow.calibration().customers().get("1");
        Prediction p = assertInstanceOf(Prediction.class, model.predict(one, new ClvSettings(12, 0.01, 1)));
        assertEquals(12 * 365.25 / 12 / 7, p.horizon(), 1e-12);
        assertEquals(TimeUnit.WEEKS, p.unit());
        assertEquals(model.purchases().model().expectedPurchases(p.horizon(), 2, 213 / 7.0, 272 / 7.0),
                p.expectedPurchases(), 1e-12);
        assertEquals(model.spend().model().conditionalExpectedAverageSpend(2, 22.345), p.expectedSpend(), 1e-9);
        // monthly discounting at 1 % makes the CLV a little less than spend × purchases
        double undiscounted = p.expectedSpend() * p.expectedPurchases();
        assertTrue(p.clv() < undiscounted && p.clv() > undiscounted / Math.pow(1.01, 12), p.clv() + " vs " + undiscounted);
    }
}
