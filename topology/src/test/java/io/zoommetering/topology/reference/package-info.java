/**
 * A batch reference of the gold outputs, written independently of the topology, and random input sets to compare
 * the two with: {@link io.zoommetering.topology.reference.GoldReference#compute} replays a list of
 * {@link io.zoommetering.topology.reference.InputRecord}s through intake, then aggregates the final state with plain
 * loops; {@link io.zoommetering.topology.reference.RandomEventSets#generate} makes the lists.
 *
 * <p>Where docs/SEMANTICS.md leaves a choice open, the reference decides as follows (the topology must agree):
 * <ul>
 *   <li>Service period months: whole = {@code ChronoUnit.MONTHS.between(start, end + 1 day)}; the month that
 *       follows them runs from {@code start.plusMonths(whole)} for one month (Jan 31..Mar 13: whole month to Feb 28,
 *       14 days left of the 28 from Feb 28 to Mar 28, so n = 2).</li>
 *   <li>gold.revenue has DAILY, WEEKLY and MONTHLY rows.</li>
 *   <li>The catalog entry of a plan is the last accepted record processed for it, whatever its event time; a plan
 *       tombstone is accepted (even for a plan not in the catalog), moves no stream time and is in no total.</li>
 *   <li>An overage row and an alert use the catalog entry as it stood when the product's (plan, meter, month) usage
 *       last changed (a contribution added, withdrawn or moved); with no entry then, there is no overage row. The
 *       alert compares the exact overage, not the rounded one, with the threshold; a meter without a threshold never
 *       alerts. Unit prices are converted from the plan's currency, which is validated like a billing currency.</li>
 *   <li>Validation: "negative amount" is the billing amount (plan prices and quantities are not checked); the
 *       required identity of a feature usage is user_id (its key, meeting_id, is nullable); blank is
 *       {@code String.isBlank}; the record key is not compared with the value.</li>
 *   <li>Boundaries: exactly the grace behind stream time is on time; exactly the clock skew ahead is valid; an
 *       accepted event id is a duplicate while stream time is at most the dedup horizon past its event time.</li>
 *   <li>Attendance and webinars are not upserts: every accepted record counts, even one repeating a webinar_id.</li>
 *   <li>The plan of a webinar's registrants is the host's plan as of the webinar's event_time (like every record);
 *       a meeting's usage counts under the plan resolved for its current state as of that state's event_time.</li>
 * </ul>
 */
package io.zoommetering.topology.reference;
