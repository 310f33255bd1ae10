package io.gridflex.messages;

import java.util.List;
import java.util.Optional;

/**
 * The Kafka topics GridFlex services talk over. Each name carries a version so a breaking change to a message ships
 * as a new topic next to the old one rather than surprising a consumer.
 * <p>
 * The link with a site is made of topics of its own: {@code <kind>.<site id>} for each of
 * {@link #SITE_SCHEDULES}, {@link #SCHEDULE_ACKS} and {@link #SITE_TELEMETRY}, so a site's credentials can be
 * allowed exactly its own (see {@code access.KafkaPolicy}), and a record is trusted only as coming from the site whose
 * topic carried it. The platform's services read every site's topics of a kind by {@link #everySite(String) pattern}.
 */
public final class Topics {

    /** Normalized DR events from ven-gateway to dispatch and settlement. Key: {@link DrEvent#eventId()}. */
    public static final String DR_EVENTS = "gridflex.dr-events.v2";

    /**
     * Kind of the per-site topics with each site's whole current schedule, from dispatch to that site's agent and to
     * settlement. Key: site id.
     */
    public static final String SITE_SCHEDULES = "gridflex.site-schedules.v1";

    /** Kind of the per-site topics with what the site's agent did with its schedule. Key: site id. */
    public static final String SCHEDULE_ACKS = "gridflex.schedule-acks.v1";

    /** Kind of the per-site topics with the site's metered power and state, one message per interval. Key: site id. */
    public static final String SITE_TELEMETRY = "gridflex.site-telemetry.v2";

    /** What the fleet can deliver for each event, from dispatch. Key: {@link DispatchStatus#eventId()}. */
    public static final String DISPATCH_STATUS = "gridflex.dispatch-status.v1";

    private Topics() {
    }

    /** The topics shared by the platform's services (the per-site ones are created when a site is onboarded). */
    public static List<String> platform() {
        return List.of(DR_EVENTS, DISPATCH_STATUS);
    }

    /** The kinds of topic every site has one of. */
    public static List<String> siteKinds() {
        return List.of(SITE_SCHEDULES, SCHEDULE_ACKS, SITE_TELEMETRY);
    }

    /** The site's schedules topic. */
    public static String siteSchedules(String siteId) {
        return ofSite(SITE_SCHEDULES, siteId);
    }

    /** The site's acknowledgements topic. */
    public static String scheduleAcks(String siteId) {
        return ofSite(SCHEDULE_ACKS, siteId);
    }

    /** The site's telemetry topic. */
    public static String siteTelemetry(String siteId) {
        return ofSite(SITE_TELEMETRY, siteId);
    }

    /** The site's topic of {@code kind} (one of {@link #siteKinds()}). */
    public static String ofSite(String kind, String siteId) {
        return kind + "." + siteId;
    }

    /** The site whose topic of {@code kind} {@code topic} is, or empty when it is no such topic. */
    public static Optional<String> siteOf(String kind, String topic) {
        String prefix = kind + ".";
        return topic != null && topic.length() > prefix.length() && topic.startsWith(prefix)
                ? Optional.of(topic.substring(prefix.length()))
                : Optional.empty();
    }

    /** The kind of a site's own topic, or the topic itself when it is a platform topic. */
    public static String kindOf(String topic) {
        return siteKinds().stream().filter(kind -> siteOf(kind, topic).isPresent()).findFirst().orElse(topic);
    }

    /** A regular expression that matches every site's topic of {@code kind}, for pattern subscriptions. */
    public static String everySite(String kind) {
        return kind.replace(".", "[.]") + "[.].+";
    }
}
