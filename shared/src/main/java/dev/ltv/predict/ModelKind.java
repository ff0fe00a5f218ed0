package dev.ltv.predict;

import java.util.List;
import java.util.Locale;

/**
 * The purchase models ltv fits, with the names their parameters are stored and shown under (in this order:
 * the order of {@link PurchaseFit#parameters()}).
 */
public enum ModelKind {
    /** Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way". */
    BGNBD("BG/NBD", List.of("r", "alpha", "a", "b")),
    /** Schmittlein, Morrison &amp; Colombo (1987); likelihood as in Fader, Hardie &amp; Lee (2005), note 009. */
    PARETONBD("Pareto/NBD", List.of("r", "alpha", "s", "beta")),
    /** Batislam, Denizel &amp; Filiztekin (2007): BG/NBD in which one-time buyers can drop out too. */
    MBGNBD("MBG/NBD", List.of("r", "alpha", "a", "b"));

    private final String label;
    private final List<String> parameterNames;

    ModelKind(String label, List<String> parameterNames) {
        this.label = label;
        this.parameterNames = parameterNames;
    }

    /** The name in papers and messages ("Pareto/NBD"). */
    public String label() {
        return label;
    }

    /** The name in configuration and JSON ("paretonbd"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Which of the parameters are time scales (rates' inverse), so scale with the time unit. */
    boolean isTimeScale(int index) {
        return index == 1 || (this == PARETONBD && index == 3);
    }

    /** The model with these parameters (in {@link #parameterNames()} order), times in {@code unit}. */
    public PurchaseModel model(double[] p, TimeUnit unit) {
        if (p.length != 4) {
            throw new IllegalArgumentException(label + " has 4 parameters, got " + p.length);
        }
        return switch (this) {
            case BGNBD -> new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3], unit));
            case PARETONBD -> new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3], unit));
            case MBGNBD -> new MbgNbdModel(new MbgNbdParameters(p[0], p[1], p[2], p[3], unit));
        };
    }

    /** Parses "bgnbd", "paretonbd" or "mbgnbd" (any case). */
    public static ModelKind parse(String text) {
        for (ModelKind kind : values()) {
            if (kind.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("model must be one of bgnbd, paretonbd, mbgnbd, not '" + text + "'");
    }
}
