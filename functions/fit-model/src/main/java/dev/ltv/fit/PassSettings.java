package dev.ltv.fit;

import dev.ltv.config.Env;

/**
 * How the daily pass is split and bounded (template parameters DailyPassSegments and FitSampleSize).
 *
 * @param segments   DAILY_PASS_SEGMENTS: the scan segments the state machine's workers each take (a phase-less
 *                   invocation, POST /model/fit or the local stack, runs {@value #IN_PROCESS_SEGMENTS} in one process)
 * @param sampleSize FIT_SAMPLE_SIZE: the most customers the models are fitted on ({@link CustomerSample}); every
 *                   company-level figure is still summed over every customer
 */
record PassSettings(int segments, int sampleSize) {

    static final int MAX_SEGMENTS = 1000;
    static final int IN_PROCESS_SEGMENTS = CalibrationSummary.SCAN_SEGMENTS;
    static final int DEFAULT_SAMPLE_SIZE = 1_000_000;
    static final PassSettings DEFAULTS = new PassSettings(IN_PROCESS_SEGMENTS, DEFAULT_SAMPLE_SIZE);

    PassSettings {
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new Env.ConfigException("DAILY_PASS_SEGMENTS must be 1.." + MAX_SEGMENTS + ", was " + segments);
        }
        if (sampleSize < 100 || sampleSize > 10_000_000) {
            throw new Env.ConfigException("FIT_SAMPLE_SIZE must be 100..10000000, was " + sampleSize);
        }
    }

    static PassSettings from(Env env) {
        return new PassSettings(env.integer("DAILY_PASS_SEGMENTS", IN_PROCESS_SEGMENTS),
                env.integer("FIT_SAMPLE_SIZE", DEFAULT_SAMPLE_SIZE));
    }
}
