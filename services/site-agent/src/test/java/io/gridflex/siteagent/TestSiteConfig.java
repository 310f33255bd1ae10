package io.gridflex.siteagent;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * A site configuration for tests that wire the agent's parts by hand, with intervals short enough to wait for.
 * {@code inventory} is {@code gridflex.site.miners}; scanning is off unless a {@link TestScan} is given.
 */
public record TestSiteConfig(String id, double maxImportKw, List<String> inventory, Path stateFile, Scan scan,
        double powerTargetFloor)
        implements
            SiteConfig {

    public TestSiteConfig(String id, double maxImportKw, List<String> inventory, Path stateFile) {
        this(id, maxImportKw, inventory, stateFile, TestScan.off());
    }

    public TestSiteConfig(String id, double maxImportKw, List<String> inventory, Path stateFile, Scan scan) {
        this(id, maxImportKw, inventory, stateFile, scan, 0.5);
    }

    /** The same site with fine trimming's floor at {@code floor} (1: no trimming). */
    public TestSiteConfig withPowerTargetFloor(double floor) {
        return new TestSiteConfig(id, maxImportKw, inventory, stateFile, scan, floor);
    }

    @Override
    public double importHeadroomKw() {
        return 0;
    }

    @Override
    public Duration otherLoadPeakWindow() {
        return Duration.ZERO;
    }

    @Override
    public Optional<List<String>> miners() {
        return inventory.isEmpty() ? Optional.empty() : Optional.of(inventory);
    }

    /** Scanning as a test sets it up: ports overridden where the simulator cannot bind the firmware's own. */
    public record TestScan(boolean enabled, Optional<List<String>> ranges, Duration interval,
            Optional<List<String>> firmwares, int concurrency, Map<String, Integer> ports, int recheckAfterFailures,
            Duration recheckInterval)
            implements
                Scan {

        public static TestScan off() {
            return new TestScan(false, Optional.empty(), Duration.ofMinutes(10), Optional.empty(), 64, Map.of(), 3,
                    Duration.ofSeconds(15));
        }

        public static TestScan of(List<String> ranges, Map<String, Integer> ports) {
            return new TestScan(true, Optional.of(ranges), Duration.ofMinutes(10), Optional.empty(), 256, ports, 3,
                    Duration.ofSeconds(15));
        }
    }

    @Override
    public Duration sampleInterval() {
        return Duration.ofMillis(200);
    }

    @Override
    public Duration controlInterval() {
        return Duration.ofMillis(100);
    }

    @Override
    public Duration scheduleClockSkew() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Restore restore() {
        return new Restore() {

            @Override
            public double stageKw() {
                return 6.5;
            }

            @Override
            public Duration stageInterval() {
                return Duration.ofMillis(300);
            }

            @Override
            public Duration confirmTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration startJitter() {
                return Duration.ZERO;
            }
        };
    }

    @Override
    public Telemetry telemetry() {
        return () -> Duration.ofSeconds(1);
    }

    @Override
    public Miner miner() {
        return new Miner() {

            @Override
            public Duration timeout() {
                return Duration.ofMillis(500);
            }

            @Override
            public int retries() {
                return 2;
            }

            @Override
            public Duration retryDelay() {
                return Duration.ofMillis(50);
            }

            @Override
            public Duration failureCooldown() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int readConcurrency() {
                return 256;
            }

            @Override
            public Duration readYield() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration readQuietAhead() {
                return Duration.ofMillis(500);
            }

            @Override
            public double sleepW() {
                return 20;
            }

            @Override
            public double nominalW() {
                return 3250;
            }

            @Override
            public Optional<Path> credentialsFile() {
                return Optional.empty();
            }
        };
    }

    @Override
    public Shed shed() {
        return new Shed() {

            @Override
            public Duration confirmTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public double powerTargetFloor() {
                return powerTargetFloor;
            }
        };
    }

    @Override
    public Health health() {
        return () -> 0.5;
    }

    @Override
    public Link link() {
        return new Link() {

            @Override
            public Optional<Path> directory() {
                return Optional.empty();
            }

            @Override
            public Buffer buffer() {
                return new Buffer() {

                    @Override
                    public MemorySize maxBytes() {
                        return new MemorySize(BigInteger.valueOf(1 << 20));
                    }

                    @Override
                    public Duration maxAge() {
                        return Duration.ofDays(1);
                    }

                    @Override
                    public MemorySize segmentBytes() {
                        return new MemorySize(BigInteger.valueOf(64 << 10));
                    }
                };
            }

            @Override
            public int batchSize() {
                return 100;
            }

            @Override
            public Duration retryBackoff() {
                return Duration.ofMillis(100);
            }

            @Override
            public Duration maxRetryBackoff() {
                return Duration.ofMillis(500);
            }
        };
    }

    /** A state file in a new temporary directory: for tests whose agent writes beside its state. */
    public static Path freshStateFile() {
        try {
            return java.nio.file.Files.createTempDirectory("site-agent-state-").resolve("state.json");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
