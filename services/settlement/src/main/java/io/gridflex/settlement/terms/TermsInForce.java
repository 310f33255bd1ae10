package io.gridflex.settlement.terms;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every version of a program's terms, and which one settles an event: of the versions whose {@code effectiveFrom} is
 * on or before the event's first day, the one with the latest {@code effectiveFrom}, and of those the newest. A rate
 * change from the 15th is a new version effective from the 15th; a correction of the terms in force since the 1st is a
 * new version effective from the 1st, which replaces them up to the 14th only.
 *
 * @param versions oldest first
 */
public record TermsInForce(List<ProgramTerms> versions) {

    public TermsInForce {
        versions = versions.stream().sorted(Comparator.comparingInt(ProgramTerms::version)).toList();
    }

    public Optional<ProgramTerms> newest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    /** The terms that settle an event whose first day is {@code day}, if any version was in force then. */
    public Optional<ProgramTerms> on(LocalDate day) {
        return versions.stream().filter(terms -> !terms.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(ProgramTerms::effectiveFrom).thenComparingInt(ProgramTerms::version));
    }

    public Optional<ProgramTerms> version(int version) {
        return versions.stream().filter(terms -> terms.version() == version).findFirst();
    }
}
