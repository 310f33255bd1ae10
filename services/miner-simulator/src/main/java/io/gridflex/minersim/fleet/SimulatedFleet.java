package io.gridflex.minersim.fleet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.gridflex.minersim.antminer.AntminerCgiServer;
import io.gridflex.minersim.braiins.BraiinsRestServer;
import io.gridflex.minersim.cgminer.CgminerApiServer;
import io.gridflex.minersim.luxos.LuxosApiServer;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MinerPowerModel;
import io.gridflex.minersim.power.PowerNoise;
import io.gridflex.minersim.whatsminer.WhatsminerApiServer;
import io.gridflex.minersim.whatsminer2.WhatsminerV2ApiServer;

/**
 * The miners of one site, each behind its own API endpoint on loopback, each running one {@link Firmware}. Plain
 * Java: tests and tools start one in-process without any framework.
 * <p>
 * Two addressing modes. By default every miner shares one host and gets its own port ({@code firstPort + i}, explicit
 * {@code ports}, or any free port): what a non-root machine can do. With {@link Builder#addressPerMiner(String)} miner
 * i gets its own loopback address {@code base + i} (127.0.0.0/8 needs no configuration on Linux) on its firmware's
 * real port (4028, 80, 4433), or on {@link Builder#firmwarePort(Firmware, int)} where port 80 cannot be bound.
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
    private final InstantSource clock;
    private final List<SimulatedMiner> miners;
    private final List<MinerApi> servers;
    private final List<MinerAddress> addresses;
    private final Map<String, Integer> indexByEndpoint;

    private SimulatedFleet(String siteId, MinerModel model, InstantSource clock, List<SimulatedMiner> miners,
            List<MinerApi> servers) {
        this.siteId = siteId;
        this.model = model;
        this.clock = clock;
        this.miners = List.copyOf(miners);
        this.servers = List.copyOf(servers);
        List<MinerAddress> list = new ArrayList<>(miners.size());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < miners.size(); i++) {
            MinerApi api = servers.get(i);
            SimulatedMiner miner = miners.get(i);
            MinerAddress address = new MinerAddress(miner.id(), miner.firmware(), api.host(), api.port());
            list.add(address);
            index.put(address.endpoint(), i);
        }
        this.addresses = Collections.unmodifiableList(list);
        this.indexByEndpoint = index;
    }

    public static Builder builder(String siteId) {
        return new Builder(siteId);
    }

    public String siteId() {
        return siteId;
    }

    /** The fleet's default model (miners of a firmware given its own model report that one). */
    public MinerModel model() {
        return model;
    }

    /** The clock every miner of the fleet runs on. */
    public InstantSource clock() {
        return clock;
    }

    public List<SimulatedMiner> miners() {
        return miners;
    }

    public SimulatedMiner miner(int index) {
        return miners.get(index);
    }

    /** The API endpoint ({@code host:port}) of each miner, in miner order. */
    public List<String> endpoints() {
        return addresses.stream().map(MinerAddress::endpoint).toList();
    }

    public String endpoint(int index) {
        return addresses.get(index).endpoint();
    }

    /** Each miner's id, firmware, host and port, in miner order: the inventory a site agent is configured with. */
    public List<MinerAddress> addresses() {
        return addresses;
    }

    public MinerAddress address(int index) {
        return addresses.get(index);
    }

    /** The miner listening on {@code host:port}, if it belongs to this fleet. */
    public SimulatedMiner minerAt(String endpoint) {
        Integer index = indexByEndpoint.get(endpoint);
        if (index == null) {
            throw new IllegalArgumentException("no miner of " + siteId + " at " + endpoint);
        }
        return miners.get(index);
    }

    /** The miner with that id, if it belongs to this fleet. */
    public SimulatedMiner minerById(String minerId) {
        return miners.stream().filter(m -> m.id().equals(minerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no miner " + minerId + " in " + siteId));
    }

    /** Whether every miner's API is accepting connections. */
    public boolean isListening() {
        return servers.stream().allMatch(MinerApi::isListening);
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
        servers.forEach(MinerApi::close);
    }

    /** Describes a fleet; {@link #start()} binds the endpoints and starts the miners. */
    public static final class Builder {

        private final String siteId;
        private MinerModel model = MinerModel.S19XP;
        private final Map<Firmware, MinerModel> modelByFirmware = new EnumMap<>(Firmware.class);
        private int count = 10;
        private List<Firmware> firmwares;
        private Firmware firmware = Firmware.LUXOS;
        private String host = "127.0.0.1";
        private int firstPort;
        private List<Integer> ports;
        private String baseAddress;
        private final Map<Firmware, Integer> firmwarePorts = new EnumMap<>(Firmware.class);
        private final Map<Firmware, String> passwords = new EnumMap<>(Firmware.class);
        private Duration tokenTtl = Duration.ofHours(1);
        private boolean quirky;
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

        /** The model the miners of one firmware are (e.g. Whatsminer miners as {@link MinerModel#M50S}). */
        public Builder model(Firmware firmware, MinerModel model) {
            modelByFirmware.put(Objects.requireNonNull(firmware), Objects.requireNonNull(model));
            return this;
        }

        public Builder count(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a fleet needs at least one miner, got " + count);
            }
            this.count = count;
            this.firmwares = null;
            return this;
        }

        /** Every miner runs this firmware; {@link Firmware#LUXOS} by default. */
        public Builder firmware(Firmware firmware) {
            this.firmware = Objects.requireNonNull(firmware);
            this.firmwares = null;
            return this;
        }

        /**
         * A mixed fleet: so many miners of each firmware, grouped in the map's iteration order (an {@link EnumMap}
         * gives the enum's order). Sets the count to the sum.
         */
        public Builder firmwares(Map<Firmware, Integer> mix) {
            List<Firmware> list = new ArrayList<>();
            mix.forEach((f, n) -> {
                if (n < 0) {
                    throw new IllegalArgumentException("cannot have " + n + " " + f + " miners");
                }
                list.addAll(Collections.nCopies(n, Objects.requireNonNull(f)));
            });
            return firmwares(list);
        }

        /** The firmware of each miner, in miner order. Sets the count. */
        public Builder firmwares(List<Firmware> perMiner) {
            if (perMiner.isEmpty()) {
                throw new IllegalArgumentException("a fleet needs at least one miner");
            }
            this.firmwares = List.copyOf(perMiner);
            this.count = perMiner.size();
            return this;
        }

        /** Address the endpoints bind to in port-per-miner mode; loopback by default. */
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

        /**
         * Per-miner addressing: miner i listens on {@code base + i} (e.g. 127.10.0.1, 127.10.0.2, ... 127.10.1.0,
         * ...) on its firmware's real port. Every address must stay inside 127.0.0.0/8.
         */
        public Builder addressPerMiner(String baseAddress) {
            this.baseAddress = Objects.requireNonNull(baseAddress);
            return this;
        }

        /** In per-miner addressing, the port a firmware listens on instead of its real one (e.g. 8080 for 80). */
        public Builder firmwarePort(Firmware firmware, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            firmwarePorts.put(firmware, port);
            return this;
        }

        /**
         * The password of a firmware's account (Braiins {@code root}, Whatsminer {@code super}, Whatsminer API v2
         * {@code admin}, Antminer {@code root}).
         */
        public Builder password(Firmware firmware, String password) {
            passwords.put(firmware, Objects.requireNonNull(password));
            return this;
        }

        /** How long a Braiins REST token is valid ({@code timeout_s}); an hour by default, as on real miners. */
        public Builder tokenTtl(Duration ttl) {
            if (!ttl.isPositive()) {
                throw new IllegalArgumentException("token lifetime must be positive");
            }
            this.tokenTtl = ttl;
            return this;
        }

        /** Whether every miner starts quirky (cgminer-family reply quirks); each can be changed at runtime. */
        public Builder quirky(boolean quirky) {
            this.quirky = quirky;
            return this;
        }

        /**
         * How long a sleeping miner takes to reach full power again (about a minute on real hardware); also the rate
         * power targets and percentages ramp up at (a Braiins {@code up_s}).
         */
        public Builder warmUp(Duration warmUp) {
            this.warmUp = Objects.requireNonNull(warmUp);
            return this;
        }

        /**
         * How long a running miner takes to fall to its sleep draw (about two seconds on real hardware); also the rate
         * power targets ramp down at (a Braiins {@code down_s}).
         */
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
            if (baseAddress != null && (ports != null || firstPort > 0)) {
                throw new IllegalArgumentException("per-miner addresses use each firmware's port: no ports/first-port");
            }
            if (baseAddress == null && ports == null && firstPort > 0 && firstPort + count - 1 > 65535) {
                throw new IllegalArgumentException(
                        "ports from " + firstPort + " for " + count + " miners exceed 65535");
            }
            int base = baseAddress == null ? 0 : loopback(baseAddress, count);
            ApiOptions options = new ApiOptions(readTimeout, maxRequestBytes, passwords, tokenTtl);
            List<SimulatedMiner> miners = new ArrayList<>(count);
            List<MinerApi> servers = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    Firmware minerFirmware = firmwares != null ? firmwares.get(i) : firmware;
                    MinerModel minerModel = modelByFirmware.getOrDefault(minerFirmware, model);
                    String id = "%s-m%02d".formatted(siteId, i + 1);
                    boolean awake = i < count - initiallySleeping;
                    PowerNoise unitNoise = new PowerNoise(noise, noisePeriod.toNanos(), seed * 1_000_003L + i);
                    MinerPowerModel power = new MinerPowerModel(clock, minerModel.runningWatts(),
                            minerModel.sleepWatts(), warmUp, sleepRamp, unitNoise, awake);
                    SimulatedMiner miner = new SimulatedMiner(id, minerModel, minerFirmware, clock, power);
                    miner.setQuirky(quirky);
                    String minerHost;
                    int port;
                    if (baseAddress != null) {
                        minerHost = dotted(base + i);
                        port = firmwarePorts.getOrDefault(minerFirmware, minerFirmware.defaultPort());
                    } else {
                        minerHost = host;
                        port = ports != null ? ports.get(i) : firstPort == 0 ? 0 : firstPort + i;
                    }
                    servers.add(serve(miner, minerHost, port, options));
                    miners.add(miner);
                }
            } catch (RuntimeException e) {
                servers.forEach(MinerApi::close);
                throw e;
            }
            return new SimulatedFleet(siteId, model, clock, miners, servers);
        }

        private MinerApi serve(SimulatedMiner miner, String bindHost, int port, ApiOptions options) {
            return switch (miner.firmware()) {
                case LUXOS -> new LuxosApiServer(miner, bindHost, port, readTimeout, maxRequestBytes);
                case BRAIINS -> new BraiinsRestServer(miner, bindHost, port, options);
                case BOSMINER, CGMINER -> new CgminerApiServer(miner, bindHost, port, options);
                case WHATSMINER -> new WhatsminerApiServer(miner, bindHost, port, options);
                case WHATSMINER_V2 -> new WhatsminerV2ApiServer(miner, bindHost, port, options);
                case ANTMINER -> new AntminerCgiServer(miner, bindHost, port, options);
            };
        }

        private static int loopback(String address, int count) {
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + address, e);
            }
            if (bytes.length != 4 || bytes[0] != 127) {
                throw new IllegalArgumentException("per-miner addresses need an IPv4 base in 127.0.0.0/8: " + address);
            }
            int base = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8)
                    | (bytes[3] & 0xFF);
            if (((base + count - 1) >>> 24) != 127) {
                throw new IllegalArgumentException(count + " miners from " + address + " leave 127.0.0.0/8");
            }
            return base;
        }

        private static String dotted(int address) {
            return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                    + (address & 0xFF);
        }
    }
}
