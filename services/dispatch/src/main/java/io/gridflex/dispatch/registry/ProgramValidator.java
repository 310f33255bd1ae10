package io.gridflex.dispatch.registry;

import java.math.BigDecimal;
import java.util.Currency;

/** Checks a program definition before anything is stored. Pure. */
final class ProgramValidator {

    private ProgramValidator() {
    }

    static void validate(ProgramDraft draft, boolean update) {
        Problems problems = new Problems();
        problems.id("programId", draft.programId());
        problems.text("name", draft.name(), 256, true);
        problems.text("marketContext", draft.marketContext(), 2048, false);
        problems.text("vtnId", draft.vtnId(), 256, false);
        problems.zone("timeZone", draft.timeZone());
        problems.fraction("overDeliveryMargin", draft.overDeliveryMargin(), false);
        if (draft.levelShares() == null || draft.levelShares().size() != 3) {
            problems.add("levelShares: three shares of the enrolled capacity, for levels 1, 2 and 3");
        } else {
            BigDecimal previous = BigDecimal.ZERO;
            for (int level = 1; level <= 3; level++) {
                BigDecimal share = draft.levelShares().get(level - 1);
                problems.fraction("levelShares[" + level + "]", share, true);
                if (share != null && share.compareTo(previous) < 0) {
                    problems.add("levelShares: a higher level cannot ask for less than a lower one");
                }
                previous = share == null ? previous : share;
            }
        }
        if (draft.currency() == null) {
            problems.add("currency: required (ISO 4217, e.g. USD)");
        } else {
            try {
                Currency.getInstance(draft.currency());
            } catch (IllegalArgumentException e) {
                problems.add("currency: '" + draft.currency() + "' is not an ISO 4217 code");
            }
        }
        if (update && draft.version() == null) {
            problems.add("version: required to update (the version you read)");
        }
        problems.throwIfAny("invalid-program");
    }
}
