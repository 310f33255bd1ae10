package io.gridflex.siteagent.command;

import io.gridflex.messages.SiteCommand;

/** What the agent made of a command it received. */
public sealed interface Decision {

    SiteCommand command();

    /** Taken on: it is now the active command; {@code superseded} is the one it replaced, or null. */
    record Accepted(SiteCommand command, ActiveCommand superseded) implements Decision {
    }

    /** Refused, with a reason the sender can act on; acknowledged as REJECTED. */
    record Rejected(SiteCommand command, String reason) implements Decision {
    }

    /** Not for this agent to act on, and not acknowledged: another site's, already seen, or older than held. */
    record Ignored(SiteCommand command, Why why, String detail) implements Decision {
    }

    enum Why {

        FOREIGN_SITE("foreign-site"), DUPLICATE("duplicate"), STALE_REVISION("out-of-order");

        private final String tag;

        Why(String tag) {
            this.tag = tag;
        }

        /** The {@code reason} tag of the rejection counter. */
        public String tag() {
            return tag;
        }
    }
}
