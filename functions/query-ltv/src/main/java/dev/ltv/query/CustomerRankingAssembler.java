package dev.ltv.query;

import dev.ltv.calc.Rounding;
import dev.ltv.rank.RankingAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** Builds the {@code GET /customers} response from a page of ranking index items. Pure: no I/O of its own. */
final class CustomerRankingAssembler {

    private final Currency currency;

    CustomerRankingAssembler(Currency currency) {
        this.currency = currency;
    }

    RankingViews.CustomerRanking assemble(RankingRequest request, RankingReader.Page page) {
        List<RankingViews.RankedCustomer> customers = new ArrayList<>(page.items().size());
        for (Map<String, AttributeValue> item : page.items()) {
            AttributeValue segments = item.get("segments");
            AttributeValue predictedAsOf = item.get("predictedAsOf");
            customers.add(new RankingViews.RankedCustomer(
                    item.get("customerId").s(),
                    money(item.get("revenue")),
                    money(item.get(RankingAttributes.LTV)),
                    money(item.get(RankingAttributes.PREDICTED_CLV)),
                    item.get(RankingAttributes.PREDICTED_CLV) == null || predictedAsOf == null ? null : predictedAsOf.s(),
                    segments == null || !segments.hasSs() ? List.of() : segments.ss().stream().sorted().toList()));
        }
        String nextCursor = page.nextPosition() == null ? null
                : RankingCursor.encode(request.orderBy(), request.ascending(), request.segment(), page.nextPosition());
        return new RankingViews.CustomerRanking(currency.getCurrencyCode(), request.orderBy().parameter(),
                request.orderName(), request.limit(), request.segment(), customers, nextCursor);
    }

    private BigDecimal money(AttributeValue value) {
        return value == null || value.n() == null ? null : Rounding.money(new BigDecimal(value.n()), currency);
    }
}
