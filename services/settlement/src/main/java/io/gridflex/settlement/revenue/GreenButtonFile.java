package io.gridflex.settlement.revenue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A revenue meter's interval data as a Green Button (NAESB ESPI) XML file: an Atom feed whose entries hold one
 * {@code ReadingType} and the {@code IntervalBlock}s of that meter reading. Each {@code IntervalReading} is one
 * interval: {@code timePeriod/start} (seconds since the epoch, UTC), {@code timePeriod/duration} (seconds) and
 * {@code value}, in the reading type's unit times ten to its {@code powerOfTenMultiplier}.
 * <p>
 * Only what settlement can use is accepted, and anything else refuses the whole file with the reason: exactly one
 * {@code ReadingType}, in watt-hours ({@code uom} 72), interval deltas ({@code accumulationBehaviour} 4, when given)
 * of energy delivered to the site ({@code flowDirection} 1, when given). The rows are then checked as every revenue
 * file is ({@link RevenueFile#of}); a row's "line" is the line of its {@code IntervalReading} in the file.
 * <p>
 * The file is read with the JDK's streaming parser with DTDs and external entities off; a file that declares a DTD is
 * refused, so no entity is ever expanded.
 */
final class GreenButtonFile {

    static final String ESPI = "http://naesb.org/espi";
    private static final int WATT_HOURS = 72;
    private static final int DELTA_DATA = 4;
    private static final int FORWARD = 1;

    private GreenButtonFile() {
    }

    /** What one ReadingType says; null where the file leaves a field out. */
    private record ReadingType(Integer uom, Integer powerOfTenMultiplier, Integer accumulationBehaviour,
            Integer flowDirection) {
    }

    private record Reading(int line, long start, long duration, BigInteger value) {
    }

    static RevenueFile parse(String xml, Instant now, BigDecimal maxSiteKw) {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException("the file is empty");
        }
        List<ReadingType> types = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        try {
            XMLStreamReader reader = factory().createXMLStreamReader(new StringReader(xml));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new IllegalArgumentException("line " + line(reader) + ": a DTD is not accepted");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && ESPI.equals(reader.getNamespaceURI())) {
                        switch (reader.getLocalName()) {
                            case "ReadingType" -> types.add(readingType(reader));
                            case "IntervalReading" -> readings.add(reading(reader));
                            default -> {
                                // Usage points, blocks' own spans, summaries: nothing settlement uses.
                            }
                        }
                    }
                    if (readings.size() > RevenueFile.MAX_ROWS) {
                        throw new IllegalArgumentException("the file holds more than " + RevenueFile.MAX_ROWS
                                + " intervals");
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage());
        }
        BigDecimal multiplier = multiplier(types);
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("the file holds no IntervalReading");
        }
        List<RevenueFile.Row> rows = new ArrayList<>(readings.size());
        for (Reading reading : readings) {
            Instant start = Instant.ofEpochSecond(reading.start());
            rows.add(new RevenueFile.Row(reading.line(), start, start.plusSeconds(reading.duration()),
                    new BigDecimal(reading.value()).multiply(multiplier)));
        }
        return RevenueFile.of(rows, now, maxSiteKw);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** kWh per unit of value: the one ReadingType's Wh times ten to its multiplier, over a thousand. */
    private static BigDecimal multiplier(List<ReadingType> types) {
        if (types.size() != 1) {
            throw new IllegalArgumentException("the file holds " + types.size() + " ReadingTypes; import one meter "
                    + "reading (with its one ReadingType) per file");
        }
        ReadingType type = types.getFirst();
        if (type.uom() == null || type.uom() != WATT_HOURS) {
            throw new IllegalArgumentException("ReadingType uom " + type.uom() + " is not energy in Wh (72)");
        }
        if (type.accumulationBehaviour() != null && type.accumulationBehaviour() != DELTA_DATA) {
            throw new IllegalArgumentException("ReadingType accumulationBehaviour " + type.accumulationBehaviour()
                    + " is not interval data (4, deltaData)");
        }
        if (type.flowDirection() != null && type.flowDirection() != FORWARD) {
            throw new IllegalArgumentException("ReadingType flowDirection " + type.flowDirection() + " is not energy "
                    + "delivered to the site (1, forward)");
        }
        int power = type.powerOfTenMultiplier() == null ? 0 : type.powerOfTenMultiplier();
        if (power < -9 || power > 9) {
            throw new IllegalArgumentException("ReadingType powerOfTenMultiplier " + power + " is out of range");
        }
        return BigDecimal.ONE.scaleByPowerOfTen(power - 3);
    }

    private static ReadingType readingType(XMLStreamReader reader) throws XMLStreamException {
        Integer uom = null;
        Integer power = null;
        Integer accumulation = null;
        Integer flow = null;
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                int line = line(reader);
                switch (name) {
                    case "uom" -> uom = small(reader.getElementText(), name, line);
                    case "powerOfTenMultiplier" -> power = small(reader.getElementText(), name, line);
                    case "accumulationBehaviour" -> accumulation = small(reader.getElementText(), name, line);
                    case "flowDirection" -> flow = small(reader.getElementText(), name, line);
                    default -> depth++;
                }
            }
        }
        return new ReadingType(uom, power, accumulation, flow);
    }

    /** One IntervalReading: its timePeriod's start and duration and its value, all required. */
    private static Reading reading(XMLStreamReader reader) throws XMLStreamException {
        int line = line(reader);
        Long start = null;
        Long duration = null;
        BigInteger value = null;
        boolean inTimePeriod = false;
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if ("timePeriod".equals(reader.getLocalName())) {
                    inTimePeriod = false;
                }
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                if ("timePeriod".equals(name)) {
                    inTimePeriod = true;
                    depth++;
                } else if (inTimePeriod && "start".equals(name)) {
                    start = integer(reader.getElementText(), "timePeriod/start", line).longValue();
                } else if (inTimePeriod && "duration".equals(name)) {
                    duration = integer(reader.getElementText(), "timePeriod/duration", line).longValue();
                } else if (!inTimePeriod && "value".equals(name)) {
                    value = whole(reader.getElementText(), "value", line);
                } else {
                    depth++;
                }
            }
        }
        if (start == null || duration == null || value == null) {
            throw new IllegalArgumentException("line " + line + ": an IntervalReading needs timePeriod/start, "
                    + "timePeriod/duration and value");
        }
        if (start < 0 || duration <= 0) {
            throw new IllegalArgumentException("line " + line + ": timePeriod start " + start + " and duration "
                    + duration + " are not an interval");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("line " + line + ": value " + value + " is negative");
        }
        return new Reading(line, start, duration, value);
    }

    private static BigInteger integer(String text, String field, int line) {
        BigInteger value = whole(text, field, line);
        if (value.bitLength() > 40) {
            throw new IllegalArgumentException("line " + line + ": " + field + " " + value + " is out of range");
        }
        return value;
    }

    private static int small(String text, String field, int line) {
        BigInteger value = whole(text, field, line);
        if (value.bitLength() > 16) {
            throw new IllegalArgumentException("line " + line + ": " + field + " " + value + " is out of range");
        }
        return value.intValue();
    }

    private static BigInteger whole(String text, String field, int line) {
        String value = text.strip();
        if (!value.matches("-?[0-9]{1,30}")) {
            throw new IllegalArgumentException("line " + line + ": " + field + " '" + value + "' is not a whole "
                    + "number");
        }
        return new BigInteger(value);
    }

    private static int line(XMLStreamReader reader) {
        return reader.getLocation().getLineNumber();
    }
}
