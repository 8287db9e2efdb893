package io.zoommetering.topology.account;

/** The usage meters of the plan catalog (SPEC 1). */
public final class Meters {
    public static final String MEETING_MINUTES = "meeting_minutes";
    public static final String WEBINAR_REGISTRANTS = "webinar_registrants";
    public static final String RECORDING_MINUTES = "recording_minutes";
    /** The feature whose usage seconds are metered as recording minutes. */
    public static final String RECORDING_FEATURE = "RECORDING";

    private Meters() {}
}
