package dev.ltv.rank;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * The index keys of the rankings. A customer's ranking entries share one partition key value, its shard
 * ({@code 00}..{@code 07}, from the customer id), so that the writes of many customers spread over several
 * index partitions instead of one; a query reads every shard and merges them.
 *
 * <p>The sort key is a string that orders like the number it encodes, followed by the customer id, so that equal
 * figures are ordered by customer id and every key is unique. The number is the figure in the currency's minor
 * unit (an integer), written as: a sign character ({@code 1} for zero and above, {@code 0} below), the count of
 * its digits in two digits, then the digits; for a negative number the count is 99 − count and every digit d is
 * 9 − d, so that a larger magnitude sorts lower. Example in USD: 540.00 is {@code 10554000#c-1001}; −65.00 is
 * {@code 0953499#c-7}; 0 is {@code 1010#c-3}.
 */
public final class RankKeys {

    /** The attribute holding a customer's shard: the partition key of every ranking index. */
    public static final String SHARD = "rankShard";
    /** How many shards: a query reads each of them. Changing it needs every state rewritten. */
    public static final int SHARDS = 8;
    public static final char SEPARATOR = '#';

    private static final int MAX_DIGITS = 99;
    // ingest accepts customer ids of 1–128 of these characters
    private static final Pattern SORT_KEY = Pattern.compile("(?:1(?:0[1-9]|[1-9][0-9])|0(?:[0-8][0-9]|9[0-8]))[0-9]+#[A-Za-z0-9._:-]{1,128}");

    private RankKeys() {
    }

    public static String shardOf(String customerId) {
        return shard(Math.floorMod(customerId.hashCode(), SHARDS)); // String.hashCode is specified: stable
    }

    public static String shard(int index) {
        if (index < 0 || index >= SHARDS) {
            throw new IllegalArgumentException("no shard " + index);
        }
        return String.format("%02d", index);
    }

    /** The sort key of a figure (money, rounded to the currency's minor unit as the API shows it). */
    public static String sortKey(BigDecimal figure, Currency currency, String customerId) {
        BigInteger minorUnits = figure.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_EVEN)
                .unscaledValue();
        return encode(minorUnits) + SEPARATOR + customerId;
    }

    static String encode(BigInteger value) {
        String digits = value.abs().toString();
        if (digits.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("a figure of " + digits.length() + " digits cannot be ranked");
        }
        if (value.signum() >= 0) {
            return "1" + String.format("%02d", digits.length()) + digits;
        }
        StringBuilder complement = new StringBuilder(digits.length() + 3).append('0')
                .append(String.format("%02d", MAX_DIGITS - digits.length()));
        for (int i = 0; i < digits.length(); i++) {
            complement.append((char) ('9' - digits.charAt(i) + '0'));
        }
        return complement.toString();
    }

    /** Whether a string is a sort key this class could have written (a cursor's position is checked with it). */
    public static boolean isSortKey(String text) {
        if (text == null || !SORT_KEY.matcher(text).matches()) {
            return false;
        }
        int separator = text.indexOf(SEPARATOR);
        int declared = Integer.parseInt(text.substring(1, 3));
        int digits = separator - 3;
        boolean negative = text.charAt(0) == '0';
        if ((negative ? MAX_DIGITS - declared : declared) != digits) {
            return false;
        }
        // no leading zero (a negative's complement: no leading 9); zero itself is "1010"
        char lead = text.charAt(3);
        return negative ? lead != '9' : lead != '0' || digits == 1;
    }

    public static String customerIdOf(String sortKey) {
        return sortKey.substring(sortKey.indexOf(SEPARATOR) + 1);
    }
}
