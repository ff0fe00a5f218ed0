package dev.ltv.calc;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar period of business days: a year ({@code 2025}), a quarter ({@code 2025-Q3}) or a month
 * ({@code 2025-07}).
 *
 * @param year       the calendar year
 * @param firstMonth its first month (1–12)
 * @param months     its length in months: 12, 3 or 1
 */
public record Period(int year, int firstMonth, int months) {

    private static final Pattern LABEL = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?");

    public Period {
        if (year < 1 || year > 9999 || !(months == 12 && firstMonth == 1 || months == 3 && firstMonth % 3 == 1 || months == 1)
                || firstMonth < 1 || firstMonth > 12) {
            throw new IllegalArgumentException("not a year, quarter or month: " + year + "/" + firstMonth + "/" + months);
        }
    }

    /** The period a label names, or empty when the label is none of {@code yyyy}, {@code yyyy-Qn}, {@code yyyy-MM}. */
    public static Optional<Period> parse(String label) {
        Matcher matcher = LABEL.matcher(label);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(matcher.group(1));
        if (year < 1) {
            return Optional.empty();
        }
        if (matcher.group(2) != null) {
            int quarter = Integer.parseInt(matcher.group(2));
            return Optional.of(new Period(year, 3 * quarter - 2, 3));
        }
        if (matcher.group(3) != null) {
            return Optional.of(new Period(year, Integer.parseInt(matcher.group(3)), 1));
        }
        return Optional.of(new Period(year, 1, 12));
    }

    public static Period month(YearMonth month) {
        return new Period(month.getYear(), month.getMonthValue(), 1);
    }

    public String label() {
        return switch (months) {
            case 12 -> String.format("%04d", year);
            case 3 -> String.format("%04d-Q%d", year, (firstMonth + 2) / 3);
            default -> String.format("%04d-%02d", year, firstMonth);
        };
    }

    public LocalDate from() {
        return LocalDate.of(year, firstMonth, 1);
    }

    public LocalDate to() {
        return YearMonth.of(year, firstMonth + months - 1).atEndOfMonth();
    }

    public boolean contains(LocalDate day) {
        return day.getYear() == year && day.getMonthValue() >= firstMonth && day.getMonthValue() < firstMonth + months;
    }
}
