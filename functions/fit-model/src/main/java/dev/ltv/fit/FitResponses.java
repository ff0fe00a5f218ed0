package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.api.HttpResponses;
import dev.ltv.model.StoredModel;

/**
 * The JSON answers of {@code POST /model/fit}: 200 with {@code status} FITTED and the new version, or 200 with
 * {@code status} INSUFFICIENT_DATA and the reason. A refusal is not the client's mistake (the request was
 * valid; the data are what they are) and it is recorded as the last fit, so it is no 4xx.
 */
final class FitResponses {

    static final String FITTED = "FITTED";
    static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    private FitResponses() {
    }

    record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {
    }

    record GammaGamma(double p, double q, double gamma, double logLikelihood) {
    }

    /**
     * @param model          the purchase model chosen for predictions
     * @param selection      "auto" (lowest holdout RMSE) or "configured" (CLV_MODEL)
     * @param calibrationEnd the end of the calibration period the candidates were scored on (absent: no holdout)
     */
    record Fitted(String status, long version, String fittedAt, String asOf, String unit, long customers,
                  long repeatCustomers, BgNbd bgnbd, GammaGamma gammaGamma, long durationMillis, String model,
                  String selection, String calibrationEnd) {
    }

    /**
     * @param latestVersion the model that stays in use (absent when none has ever been fitted)
     */
    record Refused(String status, String reason, String asOf, String unit, long customers, Long latestVersion) {
    }

    static APIGatewayV2HTTPResponse fitted(ModelFitting.Fitted result) {
        StoredModel m = result.model();
        return HttpResponses.json(200, new Fitted(FITTED, m.version(), m.fittedAt().toString(), m.asOf().toString(),
                m.unit().label(), m.customers(), m.repeatCustomers(),
                new BgNbd(m.bgNbd().r(), m.bgNbd().alpha(), m.bgNbd().a(), m.bgNbd().b(), m.bgNbdLogLikelihood()),
                new GammaGamma(m.gammaGamma().p(), m.gammaGamma().q(), m.gammaGamma().gamma(),
                        m.gammaGammaLogLikelihood()),
                result.durationMillis(), m.kind().id(),
                m.choice() == null ? null : m.choice().selection().name().toLowerCase(java.util.Locale.ROOT),
                m.choice() == null || m.choice().calibrationEnd() == null ? null
                        : m.choice().calibrationEnd().toString()));
    }

    static APIGatewayV2HTTPResponse refused(ModelFitting.Refused result) {
        var attempt = result.attempt();
        String kept = result.previous().map(m -> "; model version " + m.version() + " stays in use")
                .orElse("; no model has been fitted yet");
        return HttpResponses.json(200, new Refused(INSUFFICIENT_DATA,
                "the data are insufficient for the models: " + attempt.reason() + kept,
                attempt.asOf().toString(), attempt.unit().label(), attempt.customers(),
                result.previous().map(StoredModel::version).orElse(null)));
    }
}
