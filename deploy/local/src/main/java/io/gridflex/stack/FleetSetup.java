package io.gridflex.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator does before the fleet can be dispatched: register the program ven-gateway's VTN connection serves,
 * and the sites enrolled in it, and issue each site's Kafka credentials for its agent. Done through dispatch's operator API, as the demo operator, exactly as a person would.
 */
final class FleetSetup {

    /** The program id the local ven-gateway puts on its events. */
    static final String PROGRAM = "local";
    /** What each site is enrolled with: the first site in merit order takes the first 80 kW of an event. */
    static final double ENROLLED_KW = 80;
    /** The program's shares of the enrolled capacity that SIMPLE levels 1, 2 and 3 ask for. */
    static final List<Double> LEVEL_SHARES = List.of(0.25, 0.5, 1.0);

    private FleetSetup() {
    }

    /**
     * Registers the program and the sites (which onboards each on Kafka) and issues each site's Kafka credentials.
     *
     * @return per site, its agent's Kafka password
     */
    static Map<String, String> register(JsonHttp http, String dispatchUrl, String operatorToken, List<String> sites,
            double maxImportKw) {
        http.post(dispatchUrl + "/api/programs", operatorToken, Map.of("programId", PROGRAM, "name",
                "Local demo utility", "levelShares", LEVEL_SHARES, "overDeliveryMargin", 0, "currency",
                "USD", "timeZone", "UTC"));
        for (int i = 0; i < sites.size(); i++) {
            String site = sites.get(i);
            http.post(dispatchUrl + "/api/sites", operatorToken, Map.ofEntries(Map.entry("siteId", site),
                    Map.entry("name", "Demo mining site " + site), Map.entry("timeZone", "UTC"),
                    Map.entry("maxShedKw", Math.min(115, maxImportKw)), Map.entry("minMiningKw", 0),
                    Map.entry("priority", i + 1), Map.entry("revenueShare", 0.7),
                    Map.entry("owner", Map.of("name", "Owner of " + site, "email", "owner@" + site + ".example")),
                    Map.entry("importLimitKw", maxImportKw), Map.entry("datacentreCommittedKw", 0),
                    Map.entry("enrollments", List.of(Map.of("programId", PROGRAM, "enrolledKw", ENROLLED_KW)))));
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String site : sites) {
            passwords.put(site, http.post(dispatchUrl + "/api/sites/" + site + "/kafka-credentials", operatorToken,
                    Map.of()).path("password").asText());
        }
        return passwords;
    }
}
