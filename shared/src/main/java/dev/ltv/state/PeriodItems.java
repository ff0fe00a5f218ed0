package dev.ltv.state;

import dev.ltv.calc.Period;
import dev.ltv.calc.PeriodTotals;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The period items of the LTV table.
 *
 * <pre>
 * item                        pk                     sk            attributes
 * customer's months of a year CUSTOMER#{customerId}  YEAR#{yyyy}   p01..p12 purchases, s01..s12 net spend (months with any)
 * company period sums shard   COMPANY#{00..63}       PERIODS#{yyyy} for every month, quarter and the year:
 *                                                                  {m07|q3|y}c unique customers, …p purchases, …r revenue
 * </pre>
 */
final class PeriodItems {

    static final String YEAR_PREFIX = "YEAR#";
    static final String PERIODS_PREFIX = "PERIODS#";

    private PeriodItems() {
    }

    static Map<String, AttributeValue> yearKey(String customerId, int year) {
        return StateItems.key(Keys.customer(customerId), YEAR_PREFIX + String.format("%04d", year));
    }

    static Map<String, AttributeValue> periodsKey(int shard, int year) {
        return StateItems.key(Keys.companyShard(shard), PERIODS_PREFIX + String.format("%04d", year));
    }

    static boolean isYearItem(Map<String, AttributeValue> item) {
        return item.get(Keys.SK).s().startsWith(YEAR_PREFIX);
    }

    static Map<String, AttributeValue> toItem(String customerId, CustomerYear year) {
        Map<String, AttributeValue> item = new HashMap<>(yearKey(customerId, year.year()));
        for (int month = 1; month <= 12; month++) {
            if (year.purchases(month) != 0 || year.spend(month).signum() != 0) {
                item.put(String.format("p%02d", month), StateItems.n(year.purchases(month)));
                item.put(String.format("s%02d", month), StateItems.n(year.spend(month)));
            }
        }
        return item;
    }

    static CustomerYear yearFrom(Map<String, AttributeValue> item) {
        int year = Integer.parseInt(item.get(Keys.SK).s().substring(YEAR_PREFIX.length()));
        CustomerYear result = CustomerYear.empty(year);
        for (int month = 1; month <= 12; month++) {
            AttributeValue purchases = item.get(String.format("p%02d", month));
            AttributeValue spend = item.get(String.format("s%02d", month));
            if (purchases != null || spend != null) {
                result = result.plus(java.time.LocalDate.of(year, month, 1),
                        spend == null ? BigDecimal.ZERO : new BigDecimal(spend.n()),
                        purchases == null ? 0 : Long.parseLong(purchases.n()));
            }
        }
        return result;
    }

    /** The attribute-name stem of a period in its year's item: {@code y}, {@code q3} or {@code m07}. */
    static String stem(Period period) {
        return switch (period.months()) {
            case 12 -> "y";
            case 3 -> "q" + (period.firstMonth() + 2) / 3;
            default -> String.format("m%02d", period.firstMonth());
        };
    }

    static PeriodTotals totalsFrom(Map<String, AttributeValue> item, Period period) {
        String stem = stem(period);
        return new PeriodTotals(number(item, stem + "c").longValueExact(), number(item, stem + "p").longValueExact(),
                number(item, stem + "r"));
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }
}
