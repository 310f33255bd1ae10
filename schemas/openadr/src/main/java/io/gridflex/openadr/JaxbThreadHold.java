package io.gridflex.openadr;

import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;

import org.glassfish.jaxb.runtime.v2.runtime.Coordinator;

/**
 * Keeps a JAXB coordinator active on the reading thread for the whole document.
 * <p>
 * Fed by SAX, the JAXB runtime makes its unmarshalling context the thread's active one around every start tag, end tag
 * and text, and removes it again after each when nothing was active before. On a thread whose thread-local map has
 * many entries that remove-and-insert costs more than the binding itself: it was a tenth of the time of reading a
 * distributeEvent of ten events (JFR, hot methods: {@code ThreadLocalMap.cleanSomeSlots} from
 * {@code Coordinator.pushCoordinator}). With this holder active underneath, each step is a plain set, and the holder
 * is restored afterwards. It does nothing else: it is never asked to handle an event or a location.
 */
final class JaxbThreadHold extends Coordinator {

    void hold() {
        pushCoordinator();
    }

    void release() {
        popCoordinator();
    }

    @Override
    protected ValidationEventLocator getLocation() {
        return null;
    }

    @Override
    public boolean handleEvent(ValidationEvent event) {
        return false;
    }
}
