package dev.ltv.fit;

import dev.ltv.model.CompanyForecast;
import dev.ltv.predict.GammaGammaModel;
import dev.ltv.predict.PurchaseModel;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The company forecast of a fit: Σ P(alive), Σ E[Y(horizon)] and Σ E[Y(horizon)] × expected spend over every
 * customer of the all-data summary, under the chosen model (a customer the model cannot predict, a history
 * outside its numeric range, is left out and not counted in {@code customers}). The purchase model is evaluated once per distinct
 * history (x, t_x, T) (a large base has far fewer of them than customers), in parallel; the spend per customer.
 */
final class ForecastSum {

    private ForecastSum() {
    }

    private record History(int x, double recency, double age) {
    }

    static CompanyForecast of(RfmSummary all, PurchaseModel purchases, GammaGammaModel spend, int horizonMonths) {
        double horizon = horizonMonths * all.unit().perMonth();
        Map<History, Integer> index = new HashMap<>();
        List<History> distinct = new ArrayList<>();
        int[] historyOf = new int[all.size()];
        double[] spendOf = new double[all.size()];
        int i = 0;
        for (Rfm rfm : all.customers().values()) {
            History h = new History(rfm.frequency(), rfm.recency(), rfm.age());
            Integer known = index.putIfAbsent(h, distinct.size());
            if (known == null) {
                distinct.add(h);
                historyOf[i] = distinct.size() - 1;
            } else {
                historyOf[i] = known;
            }
            spendOf[i] = spend.conditionalExpectedAverageSpend(rfm.frequency(), rfm.monetaryValue().doubleValue());
            i++;
        }
        double[] purchasesOf = new double[distinct.size()];
        double[] aliveOf = new double[distinct.size()];
        IntStream.range(0, distinct.size()).parallel().forEach(k -> {
            History h = distinct.get(k);
            purchasesOf[k] = purchases.expectedPurchases(horizon, h.x(), h.recency(), h.age());
            aliveOf[k] = purchases.probabilityAlive(h.x(), h.recency(), h.age());
        });
        double alive = 0;
        double expected = 0;
        double revenue = 0;
        long customers = 0;
        for (int c = 0; c < historyOf.length; c++) {
            double p = purchasesOf[historyOf[c]];
            double a = aliveOf[historyOf[c]];
            double r = p * spendOf[c];
            // a history outside the model's numeric range has no prediction (as in the LTV response): left out
            if (Double.isFinite(p) && Double.isFinite(a) && Double.isFinite(r)) {
                alive += a;
                expected += p;
                revenue += r;
                customers++;
            }
        }
        return new CompanyForecast(all.asOf(), horizonMonths, customers, alive, expected, revenue);
    }
}
