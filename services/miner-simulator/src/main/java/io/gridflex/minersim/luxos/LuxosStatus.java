package io.gridflex.minersim.luxos;

/**
 * The status codes the simulated API answers with. Codes below 100 are the cgminer API's own, codes from 300 are the
 * LUXminer session and curtailment family; codes 440 and above are the simulator's for its request errors.
 */
enum LuxosStatus {

    POOLS(7, "S"),
    DEVS(9, "S"),
    SUMMARY(11, "S"),
    INVALID_COMMAND(14, "E"),
    VERSION(22, "S"),
    INVALID_JSON(23, "E"),
    CONFIG(33, "S"),
    ACCESS_DENIED(45, "E"),
    STATS(70, "S"),
    SESSION_CREATED(316, "S"),
    SESSION_ENDED(317, "S"),
    SESSION_INFO(319, "S"),
    PROFILE_SET(321, "S"),
    PROFILES(323, "S"),
    CURTAIL_SENT(335, "S"),
    ATM(337, "S"),
    POWER(339, "S"),
    ATM_SET(340, "S"),
    SESSION_ACTIVE(402, "E"),
    MISSING_PARAMETER(440, "E"),
    INVALID_SESSION(441, "E"),
    INVALID_PARAMETER(442, "E"),
    REQUEST_TOO_LARGE(443, "E"),
    REQUEST_TIMEOUT(444, "E"),
    ATM_ENABLED(445, "E");

    final int code;
    final String severity;

    LuxosStatus(int code, String severity) {
        this.code = code;
        this.severity = severity;
    }
}
