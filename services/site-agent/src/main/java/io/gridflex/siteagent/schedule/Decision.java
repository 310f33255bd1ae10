package io.gridflex.siteagent.schedule;

import io.gridflex.messages.SiteSchedule;
import io.gridflex.support.messaging.RejectReason;

/** What the agent made of a schedule it received. */
public sealed interface Decision {

    SiteSchedule schedule();

    /** Taken on: it is now the schedule the site executes; {@code replacedRevision} is the one it replaced, or 0. */
    record Accepted(SiteSchedule schedule, long replacedRevision) implements Decision {
    }

    /** Refused, with a reason the sender can act on; acknowledged as REJECTED. The held schedule stays. */
    record Rejected(SiteSchedule schedule, String reason) implements Decision {
    }

    /** Not for this agent to act on, and not acknowledged: another site's, already decided on, or older. */
    record Ignored(SiteSchedule schedule, Why why, String detail) implements Decision {
    }

    enum Why {

        FOREIGN_SITE(RejectReason.WRONG_CHANNEL),
        DUPLICATE(RejectReason.DUPLICATE),
        STALE_REVISION(RejectReason.OUT_OF_ORDER);

        private final RejectReason reason;

        Why(RejectReason reason) {
            this.reason = reason;
        }

        /** The reason in the platform's one vocabulary of rejections. */
        public RejectReason reason() {
            return reason;
        }

        /** The {@code reason} tag of the rejection counter. */
        public String tag() {
            return reason.tag();
        }
    }
}
