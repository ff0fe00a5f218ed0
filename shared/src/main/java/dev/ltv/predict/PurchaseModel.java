package dev.ltv.predict;

/**
 * What a fitted "buy till you die" purchase model predicts for one customer from the summary (x, t_x, T); all
 * times in {@link #unit()}. BG/NBD, Pareto/NBD and MBG/NBD differ in how a customer may drop out, and so in
 * how quickly a silent customer is written off.
 */
public sealed interface PurchaseModel permits BgNbdModel, ParetoNbdModel, MbgNbdModel {

    ModelKind kind();

    TimeUnit unit();

    /** P(alive | x, t_x, T): the probability that the customer has not dropped out by T. */
    double probabilityAlive(int x, double recency, double age);

    /** E[Y(t) | x, t_x, T]: the expected number of (repeat) purchases in the next {@code t}. */
    double expectedPurchases(double t, int x, double recency, double age);

    /** E[X(t)]: the expected purchases in (0, t] of a customer just acquired at time 0. */
    double unconditionalExpectedPurchases(double t);

    static void checkHistory(int x, double recency, double age) {
        if (x < 0 || !(recency >= 0 && recency <= age && Double.isFinite(age)) || (x == 0 && recency != 0)) {
            throw new IllegalArgumentException("need x >= 0 and 0 <= t_x <= T (t_x = 0 when x = 0), was x=" + x
                    + " t_x=" + recency + " T=" + age);
        }
    }

    static void requireHorizon(double t) {
        if (!(t >= 0 && Double.isFinite(t))) {
            throw new IllegalArgumentException("horizon must be >= 0 and finite, was " + t);
        }
    }
}
