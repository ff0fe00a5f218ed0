package dev.ltv.state;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One customer's purchases and net spend per month of one calendar year (of business days): the sums of that
 * month's day items, kept in one small item per customer and year so that a change can tell whether the
 * customer starts or stops counting in a month, quarter or year without reading any other day.
 */
public final class CustomerYear {

    private final int year;
    private final long[] purchases;
    private final BigDecimal[] spend;

    private CustomerYear(int year, long[] purchases, BigDecimal[] spend) {
        this.year = year;
        this.purchases = purchases;
        this.spend = spend;
    }

    public static CustomerYear empty(int year) {
        BigDecimal[] spend = new BigDecimal[12];
        Arrays.fill(spend, BigDecimal.ZERO);
        return new CustomerYear(year, new long[12], spend);
    }

    public int year() {
        return year;
    }

    /** Purchases in a month (1–12). */
    public long purchases(int month) {
        return purchases[month - 1];
    }

    /** Net spend booked to a month (1–12). */
    public BigDecimal spend(int month) {
        return spend[month - 1];
    }

    public long purchases(int firstMonth, int months) {
        long sum = 0;
        for (int m = firstMonth; m < firstMonth + months; m++) {
            sum += purchases(m);
        }
        return sum;
    }

    public BigDecimal spend(int firstMonth, int months) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int m = firstMonth; m < firstMonth + months; m++) {
            sum = sum.add(spend(m));
        }
        return sum;
    }

    /** This year with a day's change added (the day must lie in this year). */
    public CustomerYear plus(LocalDate day, BigDecimal spendDelta, long purchasesDelta) {
        if (day.getYear() != year) {
            throw new IllegalArgumentException(day + " is not in " + year);
        }
        long[] p = purchases.clone();
        BigDecimal[] s = spend.clone();
        int i = day.getMonthValue() - 1;
        p[i] += purchasesDelta;
        s[i] = s[i].add(spendDelta);
        return new CustomerYear(year, p, s);
    }

    /** Nothing left in any month: the item is deleted. */
    public boolean isEmpty() {
        for (int i = 0; i < 12; i++) {
            if (purchases[i] != 0 || spend[i].signum() != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean sameFiguresAs(CustomerYear other) {
        if (year != other.year) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (purchases[i] != other.purchases[i] || spend[i].compareTo(other.spend[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CustomerYear[" + year + " purchases=" + Arrays.toString(purchases) + " spend=" + Arrays.toString(spend) + "]";
    }
}
