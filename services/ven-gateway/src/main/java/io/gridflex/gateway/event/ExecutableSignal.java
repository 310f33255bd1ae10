package io.gridflex.gateway.event;

import java.util.Arrays;
import java.util.List;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.model.ei.EiEventSignalType;
import io.gridflex.openadr.model.ei.SignalTypeEnumeratedType;

/**
 * The OpenADR signals GridFlex executes, in order of preference. An event may carry several signals; the first kind
 * of this list it carries is the one executed: absolute quantities before relative ones, relative ones before levels,
 * instructions before prices, and SIMPLE last, because 2.0b VTNs send it beside a richer signal for VENs that
 * understand nothing else. The chosen signal is executed or the event declined: a lower one is never executed
 * instead of a higher one that cannot be, so GridFlex never acts on a weaker instruction than the VTN's strongest.
 */
enum ExecutableSignal {

    LOAD_DISPATCH_DELTA("LOAD_DISPATCH", SignalTypeEnumeratedType.DELTA, DrEvent.Signal.REDUCTION_KW),
    LOAD_DISPATCH_SETPOINT("LOAD_DISPATCH", SignalTypeEnumeratedType.SETPOINT, DrEvent.Signal.IMPORT_CAP_KW),
    LOAD_CONTROL_SETPOINT("LOAD_CONTROL", SignalTypeEnumeratedType.X_LOAD_CONTROL_SETPOINT,
            DrEvent.Signal.IMPORT_CAP_KW),
    LOAD_CONTROL_CAPACITY("LOAD_CONTROL", SignalTypeEnumeratedType.X_LOAD_CONTROL_CAPACITY,
            DrEvent.Signal.CAPACITY_FRACTION),
    LOAD_CONTROL_PERCENT_OFFSET("LOAD_CONTROL", SignalTypeEnumeratedType.X_LOAD_CONTROL_PERCENT_OFFSET,
            DrEvent.Signal.REDUCTION_PERCENT),
    LOAD_CONTROL_LEVEL_OFFSET("LOAD_CONTROL", SignalTypeEnumeratedType.X_LOAD_CONTROL_LEVEL_OFFSET,
            DrEvent.Signal.LEVEL),
    ELECTRICITY_PRICE("ELECTRICITY_PRICE", SignalTypeEnumeratedType.PRICE, DrEvent.Signal.PRICE),
    SIMPLE_LEVEL("SIMPLE", SignalTypeEnumeratedType.LEVEL, DrEvent.Signal.LEVEL);

    private final String signalName;
    private final SignalTypeEnumeratedType signalType;
    private final DrEvent.Signal published;

    ExecutableSignal(String signalName, SignalTypeEnumeratedType signalType, DrEvent.Signal published) {
        this.signalName = signalName;
        this.signalType = signalType;
        this.published = published;
    }

    boolean matches(EiEventSignalType signal) {
        String name = signal.getSignalName().strip();
        // "simple" is the deprecated 2.0a spelling the 2.0b schema still admits.
        boolean named = signalName.equals(name) || this == SIMPLE_LEVEL && "simple".equals(name);
        return named && signal.getSignalType() == signalType;
    }

    /** What the DrEvent says its values mean. */
    DrEvent.Signal published() {
        return published;
    }

    /** {@code LOAD_DISPATCH/delta}, as the VTN spells it. */
    @Override
    public String toString() {
        return signalName + "/" + signalType.value();
    }

    static List<String> all() {
        return Arrays.stream(values()).map(ExecutableSignal::toString).toList();
    }
}
