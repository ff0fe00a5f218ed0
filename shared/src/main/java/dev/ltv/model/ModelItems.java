package dev.ltv.model;

import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.StandardErrors;
import dev.ltv.predict.TimeUnit;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps model versions and fit attempts to and from LTV-table items. Doubles are written with
 * {@link Double#toString}, the shortest text that reads back to the same double, so a model read back
 * predicts exactly what the fitted one did.
 */
final class ModelItems {

    static final String VERSION = "modelVersion";
    static final String FITTED_AT = "fittedAt";
    static final String AS_OF = "asOf";
    static final String UNIT = "unit";
    static final String CUSTOMERS = "customers";
    static final String REPEAT_CUSTOMERS = "repeatCustomers";
    static final String SPEND_CUSTOMERS = "spendCustomers";
    static final String BGNBD_R = "bgnbdR";
    static final String BGNBD_ALPHA = "bgnbdAlpha";
    static final String BGNBD_A = "bgnbdA";
    static final String BGNBD_B = "bgnbdB";
    static final String BGNBD_LOG_LIKELIHOOD = "bgnbdLogLikelihood";
    static final String GG_P = "gammaGammaP";
    static final String GG_Q = "gammaGammaQ";
    static final String GG_GAMMA = "gammaGammaGamma";
    static final String GG_LOG_LIKELIHOOD = "gammaGammaLogLikelihood";
    /** Standard errors: the parameter's attribute name + this suffix (absent in versions saved without them). */
    static final String SE = "Se";
    static final String BOUNDARIES = "segmentBoundaries";
    static final String OUTCOME = "outcome";
    static final String AT = "at";
    static final String REASON = "reason";

    private ModelItems() {
    }

    static Map<String, AttributeValue> key(String name, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.model(name)), Keys.SK, AttributeValue.fromS(sk));
    }

    static Map<String, AttributeValue> toItem(String name, String sk, StoredModel model) {
        Map<String, AttributeValue> item = new HashMap<>(key(name, sk));
        item.put(VERSION, n(model.version()));
        item.put(FITTED_AT, s(model.fittedAt().toString()));
        item.put(AS_OF, s(model.asOf().toString()));
        item.put(UNIT, s(model.unit().label()));
        item.put(CUSTOMERS, n(model.customers()));
        item.put(REPEAT_CUSTOMERS, n(model.repeatCustomers()));
        item.put(SPEND_CUSTOMERS, n(model.spendCustomers()));
        item.put(BGNBD_R, n(model.bgNbd().r()));
        item.put(BGNBD_ALPHA, n(model.bgNbd().alpha()));
        item.put(BGNBD_A, n(model.bgNbd().a()));
        item.put(BGNBD_B, n(model.bgNbd().b()));
        item.put(BGNBD_LOG_LIKELIHOOD, n(model.bgNbdLogLikelihood()));
        item.put(GG_P, n(model.gammaGamma().p()));
        item.put(GG_Q, n(model.gammaGamma().q()));
        item.put(GG_GAMMA, n(model.gammaGamma().gamma()));
        item.put(GG_LOG_LIKELIHOOD, n(model.gammaGammaLogLikelihood()));
        StandardErrors se = model.standardErrors();
        if (se != null) {
            item.put(BGNBD_R + SE, n(se.r()));
            item.put(BGNBD_ALPHA + SE, n(se.alpha()));
            item.put(BGNBD_A + SE, n(se.a()));
            item.put(BGNBD_B + SE, n(se.b()));
            item.put(GG_P + SE, n(se.p()));
            item.put(GG_Q + SE, n(se.q()));
            item.put(GG_GAMMA + SE, n(se.gamma()));
        }
        FitPassItems.put(item, model);
        model.boundaries().ifPresent(boundaries -> item.put(BOUNDARIES, BoundaryItems.toAttribute(boundaries)));
        return item;
    }

    static StoredModel modelFrom(Map<String, AttributeValue> item) {
        TimeUnit unit = TimeUnit.parse(item.get(UNIT).s());
        return new StoredModel(
                whole(item, VERSION),
                Instant.parse(item.get(FITTED_AT).s()),
                LocalDate.parse(item.get(AS_OF).s()),
                whole(item, CUSTOMERS),
                whole(item, REPEAT_CUSTOMERS),
                whole(item, SPEND_CUSTOMERS),
                new BgNbdParameters(real(item, BGNBD_R), real(item, BGNBD_ALPHA), real(item, BGNBD_A),
                        real(item, BGNBD_B), unit),
                real(item, BGNBD_LOG_LIKELIHOOD),
                new GammaGammaParameters(real(item, GG_P), real(item, GG_Q), real(item, GG_GAMMA)),
                real(item, GG_LOG_LIKELIHOOD),
                item.containsKey(BGNBD_R + SE) ? new StandardErrors(real(item, BGNBD_R + SE),
                        real(item, BGNBD_ALPHA + SE), real(item, BGNBD_A + SE), real(item, BGNBD_B + SE),
                        real(item, GG_P + SE), real(item, GG_Q + SE), real(item, GG_GAMMA + SE)) : null,
                FitPassItems.choice(item, unit), FitPassItems.lifespan(item), FitPassItems.forecast(item),
                item.containsKey(BOUNDARIES) ? BoundaryItems.fromAttribute(item.get(BOUNDARIES)) : null);
    }

    static Map<String, AttributeValue> toItem(String name, FitAttempt attempt) {
        Map<String, AttributeValue> item = new HashMap<>(key(name, Keys.LAST_FIT));
        item.put(OUTCOME, s(attempt.outcome().name()));
        item.put(AT, s(attempt.at().toString()));
        item.put(AS_OF, s(attempt.asOf().toString()));
        item.put(UNIT, s(attempt.unit().label()));
        item.put(CUSTOMERS, n(attempt.customers()));
        if (attempt.outcome() == FitAttempt.Outcome.FITTED) {
            item.put(VERSION, n(attempt.version()));
        } else {
            item.put(REASON, s(attempt.reason()));
        }
        return item;
    }

    static FitAttempt attemptFrom(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION);
        AttributeValue reason = item.get(REASON);
        return new FitAttempt(
                FitAttempt.Outcome.valueOf(item.get(OUTCOME).s()),
                Instant.parse(item.get(AT).s()),
                LocalDate.parse(item.get(AS_OF).s()),
                TimeUnit.parse(item.get(UNIT).s()),
                whole(item, CUSTOMERS),
                version == null ? 0 : Long.parseLong(version.n()),
                reason == null ? null : reason.s());
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("DynamoDB numbers are finite, was " + value);
        }
        // DynamoDB accepts exponent notation (1.0E-5) as a number
        return AttributeValue.fromN(Double.toString(value));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static long whole(Map<String, AttributeValue> item, String name) {
        return new BigDecimal(item.get(name).n()).longValueExact();
    }

    private static double real(Map<String, AttributeValue> item, String name) {
        return Double.parseDouble(item.get(name).n());
    }
}
