package dev.ltv.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How well a model fitted on a calibration period forecast the holdout that followed, per customer and in
 * total.
 *
 * <p>Per customer the forecast of holdout purchases is E[Y(span) | x, t_x, T] and of holdout spend that times
 * the Gamma-Gamma expected spend per purchase. Errors are predicted − actual, so a positive bias is an
 * over-forecast. {@code purchasesRmse} is the score models are chosen by: the conditional mean is what the
 * models forecast, and the mean squared error is the loss it minimises (the mean absolute error favours a
 * forecast of the median, which for purchase counts is mostly 0).
 *
 * @param model                which model
 * @param customers            customers scored (first purchase in the calibration period)
 * @param span                 holdout length, in {@code unit}
 * @param actualPurchases      total purchase days in the holdout
 * @param predictedPurchases   their forecast total
 * @param purchasesMae         mean absolute error per customer
 * @param purchasesBias        mean error per customer
 * @param purchasesRmse        root mean squared error per customer
 * @param correlation          Pearson correlation of forecast and actual per customer (NaN-free: 0 when either is constant)
 * @param actualRevenue        total holdout spend (base currency)
 * @param predictedRevenue     its forecast, or -1 when no spend model was given
 * @param spendMae             mean absolute error of spend per customer (0 without a spend model)
 * @param spendBias            mean error of spend per customer (0 without a spend model)
 * @param byFrequency          the calibration-plot table: x = 0 … 6 and 7+
 */
public record HoldoutScorecard(ModelKind model, int customers, double span, TimeUnit unit, long actualPurchases,
                               double predictedPurchases, double purchasesMae, double purchasesBias,
                               double purchasesRmse, double correlation, double actualRevenue,
                               double predictedRevenue, double spendMae, double spendBias,
                               List<FrequencyRow> byFrequency) {

    /** The last row of the calibration-plot table gathers every frequency from this one up. */
    public static final int TOP_FREQUENCY = 7;

    /**
     * One row of the calibration plot: customers with this calibration frequency, their mean actual and mean
     * forecast holdout purchases.
     */
    public record FrequencyRow(String frequency, int customers, double actualMean, double predictedMean) {
    }

    /** Relative error of the total purchases forecast, (predicted − actual) / actual; 0 when both are 0. */
    public double purchasesTotalError() {
        return actualPurchases == 0 ? (predictedPurchases == 0 ? 0 : Double.POSITIVE_INFINITY)
                : (predictedPurchases - actualPurchases) / actualPurchases;
    }

    private record History(int x, double recency, double age) {
    }

    /**
     * Each customer's forecast of holdout purchases, evaluated once per distinct history (x, t_x, T): with times
     * in whole days a large base has a few distinct histories per customer at most.
     */
    private static double[] forecasts(PurchaseModel purchases, HoldoutData data) {
        int n = data.size();
        Map<History, Integer> index = new HashMap<>();
        List<History> distinct = new ArrayList<>();
        int[] historyOf = new int[n];
        for (int i = 0; i < n; i++) {
            History h = new History(data.frequency()[i], data.recency()[i], data.age()[i]);
            Integer known = index.putIfAbsent(h, distinct.size());
            if (known == null) {
                distinct.add(h);
                historyOf[i] = distinct.size() - 1;
            } else {
                historyOf[i] = known;
            }
        }
        double[] byHistory = new double[distinct.size()];
        IntStream.range(0, byHistory.length).parallel().forEach(k -> {
            History h = distinct.get(k);
            byHistory[k] = purchases.expectedPurchases(data.span(), h.x(), h.recency(), h.age());
        });
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = byHistory[historyOf[i]];
        }
        return predicted;
    }

    /**
     * Scores {@code purchases} (and {@code spend}, may be null) fitted on {@code data}'s calibration period.
     */
    public static HoldoutScorecard score(PurchaseModel purchases, GammaGammaModel spend, HoldoutData data) {
        if (purchases.unit() != data.unit()) {
            throw new IllegalArgumentException("the model is in " + purchases.unit().label() + " but the holdout in "
                    + data.unit().label());
        }
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("no customer to score");
        }
        double[] predicted = forecasts(purchases, data);
        long actualTotal = 0;
        double predictedTotal = 0;
        double absError = 0;
        double error = 0;
        double squared = 0;
        double actualRevenue = 0;
        double predictedRevenue = 0;
        double spendAbs = 0;
        double spendError = 0;
        int rows = TOP_FREQUENCY + 1;
        int[] count = new int[rows];
        double[] actualSum = new double[rows];
        double[] predictedSum = new double[rows];
        double meanActual = (double) data.totalHoldoutPurchases() / n;
        double meanPredicted = 0;
        for (double p : predicted) {
            meanPredicted += p / n;
        }
        double covariance = 0;
        double varActual = 0;
        double varPredicted = 0;
        for (int i = 0; i < n; i++) {
            int actual = data.holdoutPurchases()[i];
            double e = predicted[i] - actual;
            actualTotal += actual;
            predictedTotal += predicted[i];
            absError += Math.abs(e);
            error += e;
            squared += e * e;
            covariance += (actual - meanActual) * (predicted[i] - meanPredicted);
            varActual += (actual - meanActual) * (actual - meanActual);
            varPredicted += (predicted[i] - meanPredicted) * (predicted[i] - meanPredicted);
            actualRevenue += data.holdoutSpend()[i];
            if (spend != null) {
                double forecast = predicted[i] * spend.conditionalExpectedAverageSpend(data.frequency()[i],
                        data.meanSpend()[i]);
                predictedRevenue += forecast;
                spendAbs += Math.abs(forecast - data.holdoutSpend()[i]);
                spendError += forecast - data.holdoutSpend()[i];
            }
            int row = Math.min(TOP_FREQUENCY, data.frequency()[i]);
            count[row]++;
            actualSum[row] += actual;
            predictedSum[row] += predicted[i];
        }
        List<FrequencyRow> table = new ArrayList<>(rows);
        for (int k = 0; k < rows; k++) {
            table.add(new FrequencyRow(k == TOP_FREQUENCY ? TOP_FREQUENCY + "+" : Integer.toString(k), count[k],
                    count[k] == 0 ? 0 : actualSum[k] / count[k], count[k] == 0 ? 0 : predictedSum[k] / count[k]));
        }
        double correlation = varActual > 0 && varPredicted > 0 ? covariance / Math.sqrt(varActual * varPredicted) : 0;
        return new HoldoutScorecard(purchases.kind(), n, data.span(), data.unit(), actualTotal, predictedTotal,
                absError / n, error / n, Math.sqrt(squared / n), correlation, actualRevenue,
                spend == null ? -1 : predictedRevenue, spend == null ? 0 : spendAbs / n,
                spend == null ? 0 : spendError / n, List.copyOf(table));
    }
}
