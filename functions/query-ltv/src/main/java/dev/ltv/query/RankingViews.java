package dev.ltv.query;

import java.math.BigDecimal;
import java.util.List;

/** The JSON body of {@code GET /customers} (null members are left out, as in {@link Views}). */
final class RankingViews {

    private RankingViews() {
    }

    /**
     * @param segment    the segment filter, when one was given
     * @param nextCursor absent on the last page
     */
    record CustomerRanking(
            String currency,
            String orderBy,
            String order,
            int limit,
            String segment,
            List<RankedCustomer> customers,
            String nextCursor) {
    }

    /**
     * @param ltv           the classic LTV with the deployment's parameters
     * @param predictedClv  the snapshot stored with the customer's last update (absent without a fitted model)
     * @param predictedAsOf the day that snapshot was computed for
     */
    record RankedCustomer(
            String customerId,
            BigDecimal revenue,
            BigDecimal ltv,
            BigDecimal predictedClv,
            String predictedAsOf,
            List<String> segments) {
    }
}
