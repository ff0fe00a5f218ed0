package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The holdout scorecard on CDNOW: calibration to 1997-09-30, holdout 1997-10-01 .. 1998-06-30 (39 weeks). */
class CdnowHoldoutTest {

    private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

    @Test
    void scorecardCountsTheHoldoutPurchasesOfTheCsvAndScoresEveryModel() throws Exception {
        HoldoutData data = HoldoutData.fromTransactions(Cdnow.transactions(), Cdnow.CALIBRATION_END, HOLDOUT_END,
                TimeUnit.WEEKS);
        assertEquals(2357, data.size());
        assertEquals(39, data.span(), 1e-12);

        // counted straight from the CSV lines: distinct (customer, day) in the holdout, customers first seen
        // in the calibration period
        Map<String, LocalDate> first = new HashMap<>();
        Set<String> holdoutDays = new HashSet<>();
        BigDecimal holdoutRevenue = BigDecimal.ZERO;
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/cdnow_transactions.csv")), StandardCharsets.UTF_8))) {
            in.readLine();
            var lines = in.lines().map(l -> l.split(",")).toList();
            for (String[] f : lines) {
                first.merge(f[0], LocalDate.parse(f[1]), (a, b) -> a.isBefore(b) ? a : b);
            }
            for (String[] f : lines) {
                LocalDate day = LocalDate.parse(f[1]);
                if (day.isAfter(Cdnow.CALIBRATION_END) && !day.isAfter(HOLDOUT_END)
                        && !first.get(f[0]).isAfter(Cdnow.CALIBRATION_END)) {
                    holdoutDays.add(f[0] + "/" + day);
                    holdoutRevenue = holdoutRevenue.add(new BigDecimal(f[2]));
                }
            }
        }

        ModelSelection.Result result = ModelSelection.select(data, null, TimeUnit.WEEKS, Optional.empty());
        for (ModelSelection.Candidate c : result.candidates()) {
            HoldoutScorecard s = c.scorecard().orElseThrow();
            assertEquals(holdoutDays.size(), s.actualPurchases(), c.kind().label());
            assertEquals(holdoutRevenue.doubleValue(), s.actualRevenue(), 1e-6);
            assertEquals(8, s.byFrequency().size());
            assertEquals(2357, s.byFrequency().stream().mapToInt(HoldoutScorecard.FrequencyRow::customers).sum());
            assertTrue(Math.abs(s.purchasesTotalError()) < 0.2, c.kind().label() + " total error "
                    + s.purchasesTotalError());
            assertTrue(s.correlation() > 0.5, c.kind().label() + " correlation " + s.correlation());
            System.out.printf("CDNOW holdout %s: actual %d predicted %.1f (%+.1f%%) mae %.4f bias %+.4f rmse %.4f"
                            + " corr %.4f revenue actual %.2f predicted %.2f spend mae %.3f bias %+.3f%n",
                    c.kind().label(), s.actualPurchases(), s.predictedPurchases(), 100 * s.purchasesTotalError(),
                    s.purchasesMae(), s.purchasesBias(), s.purchasesRmse(), s.correlation(), s.actualRevenue(),
                    s.predictedRevenue(), s.spendMae(), s.spendBias());
            for (HoldoutScorecard.FrequencyRow row : s.byFrequency()) {
                System.out.printf("  x=%s n=%d actual %.3f predicted %.3f%n", row.frequency(), row.customers(),
                        row.actualMean(), row.predictedMean());
            }
        }
        System.out.println("CDNOW holdout chosen: " + result.chosen().kind().label());
    }
}
