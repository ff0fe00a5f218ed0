/**
 * Customer segments: RFM groups, value tiers and churn risk.
 *
 * <p>The rules here are pure: a customer's figures and the {@link dev.ltv.segment.SegmentBoundaries} in force
 * give its {@link dev.ltv.segment.Segments}. Boundaries that need the whole customer base (quantiles) are computed
 * by the daily pass from mergeable sketches and stored with the model version; assigning a customer needs only
 * the stored boundaries, so the recalculation can move a customer's segments the moment a purchase arrives.
 */
package dev.ltv.segment;
