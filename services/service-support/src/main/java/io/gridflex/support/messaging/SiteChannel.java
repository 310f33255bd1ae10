package io.gridflex.support.messaging;

import io.gridflex.messages.Topics;

/**
 * A record on a site's own topic is trusted only as coming from that site: only the site's principal may write there,
 * so the topic, not the payload, says who spoke. A payload that names another site is refused.
 */
public final class SiteChannel {

    private SiteChannel() {
    }

    /** Whether {@code topic} is the own topic of kind {@code kind} of the site the payload names. */
    public static boolean carried(String kind, String topic, String siteId) {
        return siteId != null && Topics.siteOf(kind, topic).map(siteId::equals).orElse(false);
    }

    /** Why {@link #carried} said no, for the rejection's detail. */
    public static String mismatch(String kind, String topic, String siteId) {
        return "reports site " + siteId + " but came through " + Topics.siteOf(kind, topic)
                .map(site -> "the channel of site " + site).orElse("topic " + topic + ", which is no site's");
    }
}
