package io.gridflex.siteagent.meter;

/** The Modbus table a figure is read from. */
public enum RegisterType {
    /** Holding registers, function code 3. */
    HOLDING,
    /** Input registers, function code 4. */
    INPUT
}
