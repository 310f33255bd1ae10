package io.gridflex.siteagent.execution;

import java.util.List;
import java.util.stream.Collectors;

/** Lists of miners for log lines: a site of thousands must not write a line of thousands of addresses. */
final class MinerLists {

    private static final int SHOWN = 10;

    private MinerLists() {
    }

    /** The first few, and how many more there are. */
    static String first(List<?> miners) {
        String shown = miners.stream().limit(SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
        return miners.size() <= SHOWN ? "[" + shown + "]" : "[" + shown + " and " + (miners.size() - SHOWN) + " more]";
    }
}
