package io.gridflex.minersim.fleet;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.gridflex.minersim.luxos.LuxosApiServer;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MinerPowerModel;
import io.gridflex.minersim.power.PowerNoise;

/**
 * The miners of one site, each behind its own LUXminer API endpoint on loopback. Plain Java: tests and tools start one
 * in-process without any framework.
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = SimulatedFleet.builder("site-a").model(MinerModel.S19XP).count(10).start()) {
 *     List<String> endpoints = fleet.endpoints(); // "127.0.0.1:41873", ...
 *     double kw = fleet.powerW() / 1000;
 * }
 * }</pre>
 */
public final class SimulatedFleet implements AutoCloseable {

    private final String siteId;
    private final MinerModel model;
    private final List<SimulatedMiner> miners;
    private final List<LuxosApiServer> servers;

    private SimulatedFleet(String siteId, MinerModel model, List<SimulatedMiner> miners,
            List<LuxosApiServer> servers) {
        this.siteId = siteId;
        this.model = model;
        this.miners = List.copyOf(miners);
        this.servers = List.copyOf(servers);
    }

    public static Builder builder(String siteId) {
        return new Builder(siteId);
    }

    public String siteId() {
        return siteId;
    }

    public MinerModel model() {
        return model;
    }

    public List<SimulatedMiner> miners() {
        return miners;
    }

    public SimulatedMiner miner(int index) {
        return miners.get(index);
    }

    /** The API endpoint ({@code host:port}) of each miner, in miner order. */
    public List<String> endpoints() {
        return servers.stream().map(LuxosApiServer::endpoint).toList();
    }

    public String endpoint(int index) {
        return servers.get(index).endpoint();
    }

    /** The miner listening on {@code host:port}, if it belongs to this fleet. */
    public SimulatedMiner minerAt(String endpoint) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).endpoint().equals(endpoint)) {
                return miners.get(i);
            }
        }
        throw new IllegalArgumentException("no miner of " + siteId + " at " + endpoint);
    }

    /** Whether every miner's API is accepting connections. */
    public boolean isListening() {
        return servers.stream().allMatch(LuxosApiServer::isListening);
    }

    /** The whole site's draw right now, in W. */
    public double powerW() {
        return miners.stream().mapToDouble(SimulatedMiner::powerW).sum();
    }

    /** Exact energy the whole site drew since the fleet started, in Wh. */
    public double energyWh() {
        return miners.stream().mapToDouble(SimulatedMiner::energyWh).sum();
    }

    @Override
    public void close() {
        servers.forEach(LuxosApiServer::close);
    }

    /** Describes a fleet; {@link #start()} binds the endpoints and starts the miners. */
    public static final class Builder {

        private final String siteId;
        private MinerModel model = MinerModel.S19XP;
        private int count = 10;
        private String host = "127.0.0.1";
        private int firstPort;
        private List<Integer> ports;
        private Duration warmUp = Duration.ofSeconds(5);
        private Duration sleepRamp = Duration.ofSeconds(2);
        private double noise = 0.015;
        private Duration noisePeriod = Duration.ofSeconds(5);
        private long seed = 1L;
        private int initiallySleeping;
        private InstantSource clock = InstantSource.system();
        private Duration readTimeout = Duration.ofSeconds(5);
        private int maxRequestBytes = 8192;

        private Builder(String siteId) {
            if (siteId == null || siteId.isBlank()) {
                throw new IllegalArgumentException("a fleet needs a site id");
            }
            this.siteId = siteId;
        }

        public Builder model(MinerModel model) {
            this.model = Objects.requireNonNull(model);
            return this;
        }

        public Builder count(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a fleet needs at least one miner, got " + count);
            }
            this.count = count;
            return this;
        }

        /** Address the endpoints bind to; loopback by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Miner i listens on {@code firstPort + i}; 0 (the default) lets each take any free port. */
        public Builder firstPort(int firstPort) {
            if (firstPort < 0 || firstPort > 65535) {
                throw new IllegalArgumentException("not a port: " + firstPort);
            }
            this.firstPort = firstPort;
            return this;
        }

        /** Explicit ports, one per miner; overrides {@link #firstPort(int)} and sets the count. */
        public Builder ports(List<Integer> ports) {
            if (ports.isEmpty()) {
                throw new IllegalArgumentException("ports must not be empty");
            }
            this.ports = List.copyOf(ports);
            this.count = ports.size();
            return this;
        }

        /** How long a sleeping miner takes to reach full power again; about a minute on real hardware. */
        public Builder warmUp(Duration warmUp) {
            this.warmUp = Objects.requireNonNull(warmUp);
            return this;
        }

        /** How long a running miner takes to fall to its sleep draw; about two seconds on real hardware. */
        public Builder sleepRamp(Duration sleepRamp) {
            this.sleepRamp = Objects.requireNonNull(sleepRamp);
            return this;
        }

        /** Largest relative deviation of each miner's bias and of its jitter, e.g. 0.015; 0 for exact draw. */
        public Builder noise(double amplitude) {
            this.noise = amplitude;
            return this;
        }

        public Builder noisePeriod(Duration period) {
            this.noisePeriod = Objects.requireNonNull(period);
            return this;
        }

        /** Seed of the noise; the same seed gives the same draw curves. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The last {@code n} miners start asleep, as if the operator had left them off. */
        public Builder initiallySleeping(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("cannot start " + n + " miners asleep");
            }
            this.initiallySleeping = n;
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Longest wait for a complete API request before answering with an error. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout);
            return this;
        }

        public Builder maxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes < 64) {
                throw new IllegalArgumentException("maxRequestBytes too small: " + maxRequestBytes);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /** Creates the miners and binds their endpoints; on failure nothing is left listening. */
        public SimulatedFleet start() {
            if (initiallySleeping > count) {
                throw new IllegalArgumentException(
                        "cannot start " + initiallySleeping + " of " + count + " miners asleep");
            }
            if (ports == null && firstPort > 0 && firstPort + count - 1 > 65535) {
                throw new IllegalArgumentException(
                        "ports from " + firstPort + " for " + count + " miners exceed 65535");
            }
            List<SimulatedMiner> miners = new ArrayList<>(count);
            List<LuxosApiServer> servers = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    String id = "%s-m%02d".formatted(siteId, i + 1);
                    boolean awake = i < count - initiallySleeping;
                    PowerNoise unitNoise = new PowerNoise(noise, noisePeriod.toNanos(), seed * 1_000_003L + i);
                    MinerPowerModel power = new MinerPowerModel(clock, model.runningWatts(), model.sleepWatts(),
                            warmUp, sleepRamp, unitNoise, awake);
                    SimulatedMiner miner = new SimulatedMiner(id, model, clock, power);
                    int port = ports != null ? ports.get(i) : firstPort == 0 ? 0 : firstPort + i;
                    servers.add(new LuxosApiServer(miner, host, port, readTimeout, maxRequestBytes));
                    miners.add(miner);
                }
            } catch (RuntimeException e) {
                servers.forEach(LuxosApiServer::close);
                throw e;
            }
            return new SimulatedFleet(siteId, model, miners, servers);
        }
    }
}
