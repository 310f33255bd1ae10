package io.gridflex.messages;

/**
 * The Kafka topics GridFlex services talk over. Each name carries a version so a breaking change to a message ships
 * as a new topic next to the old one rather than surprising a consumer.
 */
public final class Topics {

    /** Normalized DR events from ven-gateway to dispatch and settlement. Key: {@link DrEvent#eventId()}. */
    public static final String DR_EVENTS = "gridflex.dr-events.v2";

    /** Each site's whole current schedule, from dispatch to that site's agent and to settlement. Key: site id. */
    public static final String SITE_SCHEDULES = "gridflex.site-schedules.v1";

    /** What each site agent did with its schedule. Key: {@link ScheduleAck#siteId()}. */
    public static final String SCHEDULE_ACKS = "gridflex.schedule-acks.v1";

    /** Metered site power and state, one message per reporting interval. Key: {@link SiteTelemetry#siteId()}. */
    public static final String SITE_TELEMETRY = "gridflex.site-telemetry.v2";

    /** What the fleet can deliver for each event, from dispatch. Key: {@link DispatchStatus#eventId()}. */
    public static final String DISPATCH_STATUS = "gridflex.dispatch-status.v1";

    private Topics() {
    }
}
