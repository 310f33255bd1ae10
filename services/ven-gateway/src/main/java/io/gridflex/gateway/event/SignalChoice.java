package io.gridflex.gateway.event;

import java.util.List;

import io.gridflex.openadr.model.ei.EiEventSignalType;

/**
 * The one signal of an event GridFlex executes, chosen in the order of {@link ExecutableSignal}.
 *
 * @param kind which of the executable signals it is
 * @param signal the VTN's signal
 */
record SignalChoice(ExecutableSignal kind, EiEventSignalType signal) {

    /**
     * @throws EventRefusal 454 when the preferred kind appears more than once (which one applies is ambiguous), 460
     *         when the event carries no signal GridFlex executes
     */
    static SignalChoice of(List<EiEventSignalType> signals) {
        for (ExecutableSignal kind : ExecutableSignal.values()) {
            List<EiEventSignalType> matching = signals.stream().filter(kind::matches).toList();
            if (matching.size() > 1) {
                throw EventRefusal.invalid("event carries " + matching.size() + " " + kind
                        + " signals; which one applies is ambiguous");
            }
            if (matching.size() == 1) {
                return new SignalChoice(kind, matching.getFirst());
            }
        }
        String found = signals.stream()
                .map(s -> EventRefusal.printable(s.getSignalName().strip()) + "/" + s.getSignalType().value())
                .distinct().toList().toString();
        throw EventRefusal.notSupported("signals " + found + " not supported: GridFlex executes one of "
                + ExecutableSignal.all());
    }
}
