package io.gridflex.messages;

/**
 * The Kafka topics GridFlex services talk over. Each name carries a version so a breaking change to a message ships
 * as a new topic next to the old one rather than surprising a consumer.
 */
public final class Topics {

    /** Normalized DR events from ven-gateway to dispatch and settlement. Key: {@link DrEvent#eventId()}. */
    public static final String DR_EVENTS = "gridflex.dr-events.v1";

    /** One command per site from dispatch to that site's agent. Key: {@link SiteCommand#siteId()}. */
    public static final String SITE_COMMANDS = "gridflex.site-commands.v1";

    /** What each site agent did with a command. Key: {@link CommandAck#siteId()}. */
    public static final String COMMAND_ACKS = "gridflex.command-acks.v1";

    /** Metered site power, one message per reporting interval. Key: {@link SiteTelemetry#siteId()}. */
    public static final String SITE_TELEMETRY = "gridflex.site-telemetry.v1";

    private Topics() {
    }
}
