package io.gridflex.siteagent.miner;

/** What the agent asks of a miner when it sheds or restores. */
public enum MinerAction {

    SLEEP("sleep"),
    WAKE("wake");

    private final String verb;

    MinerAction(String verb) {
        this.verb = verb;
    }

    /** The verb for logs and acks: "did not sleep". */
    public String verb() {
        return verb;
    }

    void apply(MinerDriver driver, MinerEndpoint miner) throws MinerException {
        if (this == SLEEP) {
            driver.sleep(miner);
        } else {
            driver.wake(miner);
        }
    }
}
