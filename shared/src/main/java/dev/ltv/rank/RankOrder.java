package dev.ltv.rank;

import java.util.Optional;

/**
 * The orders customers can be ranked in, each served by one sparse global secondary index of the LTV table
 * ({@code template.yaml}): the index's partition key is the shared {@link RankKeys#SHARD} attribute, its sort key
 * this order's own attribute, which only customers with that figure carry.
 */
public enum RankOrder {
    LTV("ltv", "rankLtv", "RankByLtv"),
    PREDICTED_CLV("predictedClv", "rankPredictedClv", "RankByPredictedClv"),
    REVENUE("revenue", "rankRevenue", "RankByRevenue");

    private final String parameter;
    private final String sortKeyAttribute;
    private final String indexName;

    RankOrder(String parameter, String sortKeyAttribute, String indexName) {
        this.parameter = parameter;
        this.sortKeyAttribute = sortKeyAttribute;
        this.indexName = indexName;
    }

    /** The name the API uses ({@code orderBy=ltv}), which is also the figure's attribute on the state item. */
    public String parameter() {
        return parameter;
    }

    public String sortKeyAttribute() {
        return sortKeyAttribute;
    }

    public String indexName() {
        return indexName;
    }

    public static Optional<RankOrder> ofParameter(String value) {
        for (RankOrder order : values()) {
            if (order.parameter.equals(value)) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }
}
