package dev.ltv.segment;

/**
 * The RFM groups, from the recency score R and the frequency score F (each 1–5, 5 best), on the usual R × F grid
 * that marketers draw (monetary value is scored too, but the group follows how recently and how often a customer
 * buys: a big spender who stopped buying is "Can't lose", not a "Champion").
 *
 * <pre>
 *          F=1          F=2            F=3             F=4       F=5
 * R=5   New          Potential      Potential       Champions  Champions
 * R=4   Promising    Potential      Potential       Loyal      Loyal
 * R=3   About to     About to       Need            Loyal      Loyal
 *       sleep        sleep          attention
 * R=2   Hibernating  Hibernating    At risk         At risk    Can't lose
 * R=1   Lost         Hibernating    At risk         At risk    Can't lose
 * </pre>
 */
public enum RfmSegment {
    CHAMPIONS("Champions"),
    LOYAL("Loyal"),
    POTENTIAL_LOYALIST("Potential loyalist"),
    NEW("New"),
    PROMISING("Promising"),
    NEED_ATTENTION("Need attention"),
    ABOUT_TO_SLEEP("About to sleep"),
    AT_RISK("At risk"),
    CANT_LOSE("Can't lose"),
    HIBERNATING("Hibernating"),
    LOST("Lost");

    private final String label;

    RfmSegment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The group of a recency score and a frequency score, each 1–5. */
    public static RfmSegment of(int recency, int frequency) {
        checkScore(recency, "recency");
        checkScore(frequency, "frequency");
        if (recency >= 3 && frequency >= 4) {
            return recency == 5 ? CHAMPIONS : LOYAL;
        }
        if (recency >= 4) {
            if (frequency == 1) {
                return recency == 5 ? NEW : PROMISING;
            }
            return POTENTIAL_LOYALIST;
        }
        if (recency == 3) {
            return frequency == 3 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
        }
        // recency 1 or 2: customers who stopped buying, grouped by how much they used to buy
        if (frequency == 5) {
            return CANT_LOSE;
        }
        if (frequency >= 3) {
            return AT_RISK;
        }
        return recency == 1 && frequency == 1 ? LOST : HIBERNATING;
    }

    private static void checkScore(int score, String name) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(name + " score must be 1..5, was " + score);
        }
    }
}
