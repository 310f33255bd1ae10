package io.gridflex.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.gridflex.infra.KafkaBroker;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.ScheduleSegment;
import io.gridflex.messages.ScheduleSegment.Contribution;
import io.gridflex.messages.ScheduleSegment.Kind;
import io.gridflex.messages.SiteSchedule;
import io.gridflex.messages.Topics;
import io.gridflex.messages.access.KafkaPolicy;
import io.gridflex.messages.access.KafkaPolicy.Service;
import io.gridflex.messages.access.KafkaProvisioning;
import io.gridflex.messages.access.Passwords;

/**
 * What the site link costs with many sites on the local broker: broker start, onboarding one site (topics, ACLs,
 * credentials), metadata size, a restart with every site provisioned, an agent's time from start to its first
 * command, the command hop's latency with TLS and SCRAM against the same hop on a broker without either, and the
 * fan-out of one schedule to every site's topic at once (the broker's share of an event's dispatch). Prints
 * the figures; docs/benchmarks.md records them.
 * <p>
 * {@code java -cp deploy/local/target/gridflex-local-stack.jar io.gridflex.stack.SiteLinkBenchmark [sites]}
 */
public final class SiteLinkBenchmark {

    private static final int AGENT_STARTS = 20;
    private static final int HOPS = 300;
    private static final int FAN_OUT_WARM_UP = 30;
    private static final int FAN_OUTS = 100;
    private static final MessageCodec CODEC = new MessageCodec();

    private SiteLinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path work = Path.of("deploy/local/target/site-link-benchmark").toAbsolutePath();
        deleteRecursively(work);

        long started = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(work.resolve("secured"), 0);
        print("broker start, empty (TLS, SASL, authorizer)", millis(started), "ms");
        broker.createTopics(Topics.platform(), 3);

        Map<String, String> passwords = new HashMap<>();
        List<Double> onboarding = new ArrayList<>();
        String dispatchPassword = Passwords.generate();
        try (Admin admin = Admin.create(broker.adminConfig())) {
            KafkaProvisioning provisioning = new KafkaProvisioning(admin, Duration.ofSeconds(60));
            provisioning.service(Service.DISPATCH, dispatchPassword);
            long all = System.nanoTime();
            for (int i = 0; i < sites; i++) {
                String site = site(i);
                String password = Passwords.generate();
                long one = System.nanoTime();
                provisioning.onboard(site);
                provisioning.credentials(KafkaPolicy.sitePrincipal(site), password);
                onboarding.add(millis(one));
                passwords.put(site, password);
            }
            print("sites onboarded (3 topics, 4 ACLs, a SCRAM login each)", sites, "");
            print("onboarding all sites", millis(all) / 1000, "s");
            percentiles("onboarding one site", onboarding);
            print("topics", provisioning.topicNames().size(), "");
            print("ACLs", provisioning.allAcls().size(), "");
        }
        broker.close();
        // Measured stopped: a running broker preallocates every partition's index files (sparse, 20 MB each).
        print("metadata log on disk", bytes(broker.workDir().resolve("logs").resolve("__cluster_metadata-0")) / 1024.0,
                "KiB");
        print("broker data on disk (stopped)", bytes(broker.workDir().resolve("logs")) / 1024.0 / 1024.0, "MiB");
        started = System.nanoTime();
        broker = KafkaBroker.start(work.resolve("secured"), broker.port());
        print("broker restart with every site provisioned", millis(started), "ms");

        Map<String, Object> dispatch = broker.clientConfig(Service.DISPATCH.principal(), dispatchPassword);
        List<Double> firstCommand = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(dispatch)) {
            for (int i = 0; i < AGENT_STARTS; i++) {
                String site = site(i * Math.max(1, sites / AGENT_STARTS));
                producer.send(new ProducerRecord<>(Topics.siteSchedules(site), site, "{\"schedule\":" + i + "}"))
                        .get(30, TimeUnit.SECONDS);
                Map<String, Object> agent = broker.clientConfig(KafkaPolicy.sitePrincipal(site), passwords.get(site));
                long start = System.nanoTime();
                try (KafkaConsumer<String, String> consumer = consumer(agent, KafkaPolicy.siteGroup(site))) {
                    consumer.subscribe(List.of(Topics.siteSchedules(site)));
                    while (consumer.poll(Duration.ofMillis(50)).isEmpty()) {
                        if (millis(start) > 60_000) {
                            throw new IllegalStateException("no command for " + site + " within 60 s");
                        }
                    }
                    firstCommand.add(millis(start));
                }
            }
        }
        percentiles("agent start -> first command (new client: TLS, SCRAM, group join, fetch)", firstCommand);

        String site = site(0);
        List<Double> secured = hops(dispatch, broker.clientConfig(KafkaPolicy.sitePrincipal(site),
                passwords.get(site)), site);
        percentiles("command hop, TLS + SCRAM (produce acks=all -> agent's poll)", secured);
        List<String> allSites = passwords.keySet().stream().sorted().toList();
        for (int fanOut : fanOutSizes(sites)) {
            percentiles("fan-out, TLS + SCRAM + ACLs: one schedule to each of " + fanOut
                    + " site topics, first send -> last ack", fanOuts(dispatch, allSites.subList(0, fanOut)));
        }
        broker.close();

        KafkaBroker plain = KafkaBroker.startUnsecured(work.resolve("plaintext"));
        plain.createTopics(allSites.stream().map(Topics::siteSchedules).toList(), 1);
        List<Double> plaintext = hops(plain.adminConfig(), plain.adminConfig(), site);
        percentiles("command hop, plaintext, no authorizer", plaintext);
        print("added by TLS + SCRAM + ACLs (median)", median(secured) - median(plaintext), "ms");
        percentiles("fan-out, plaintext, no authorizer: one schedule to each of " + sites
                + " site topics, first send -> last ack", fanOuts(plain.adminConfig(), allSites));
        plain.close();
    }

    /** A schedule as dispatch sends it for one event: a shed of an hour, two hours ahead. */
    private static SiteSchedule schedule(String site, int round) {
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        ScheduleSegment shed = new ScheduleSegment(start, start.plus(Duration.ofHours(1)), 312.5, null,
                List.of(new Contribution("bench-event-" + round, "bench-program", Kind.EVENT, 312.5, null)));
        return new SiteSchedule(site, round + 1, Instant.now(), List.of(shed));
    }

    private static List<Integer> fanOutSizes(int sites) {
        return Stream.of(sites / 10, sites / 2, sites).filter(size -> size > 0).distinct().toList();
    }

    /**
     * The broker's share of dispatch's path for one event: a schedule to every listed site's topic at once,
     * with dispatch's schedule producer settings (acks=all, idempotence, 5 ms linger, 4 KiB batches), timed from the
     * first send to the last acknowledgement (the records encoded beforehand, as dispatch does in its transaction),
     * FAN_OUTS times after FAN_OUT_WARM_UP rounds, 100 ms apart.
     */
    private static List<Double> fanOuts(Map<String, Object> producerConfig, List<String> sites) throws Exception {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 4096);
        List<Double> latencies = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(config, 5)) {
            for (int round = 0; round < FAN_OUT_WARM_UP + FAN_OUTS; round++) {
                List<String> payloads = new ArrayList<>(sites.size());
                for (String site : sites) {
                    payloads.add(CODEC.encode(schedule(site, round)));
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(sites.size());
                long start = System.nanoTime();
                for (int i = 0; i < sites.size(); i++) {
                    acks.add(producer.send(new ProducerRecord<>(Topics.siteSchedules(sites.get(i)), sites.get(i),
                            payloads.get(i))));
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                if (round >= FAN_OUT_WARM_UP) {
                    latencies.add(millis(start));
                }
                Thread.sleep(100);
            }
        }
        return latencies;
    }

    /** Warm producer and consumer: the time from send to the record in the consumer's poll, HOPS times. */
    private static List<Double> hops(Map<String, Object> producerConfig, Map<String, Object> consumerConfig,
            String site) throws Exception {
        List<Double> latencies = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(producerConfig);
                KafkaConsumer<String, String> consumer = consumer(consumerConfig, KafkaPolicy.siteGroup(site))) {
            TopicPartition partition = new TopicPartition(Topics.siteSchedules(site), 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < HOPS + 20; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(partition.topic(), site, "{\"hop\":" + i + "}"));
                ConsumerRecords<String, String> records;
                do {
                    records = consumer.poll(Duration.ofMillis(100));
                } while (records.isEmpty());
                if (i >= 20) {
                    latencies.add(millis(sent));
                }
            }
        }
        return latencies;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client) {
        return producer(client, 0);
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client, int lingerMs) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> client, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    private static String site(int i) {
        return "bench-site-%04d".formatted(i);
    }

    private static void percentiles(String what, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        System.out.printf(Locale.ROOT,
                "[bench] %s: median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
                what, median(values), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.getLast(),
                sorted.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void print(String what, double value, String unit) {
        System.out.printf(Locale.ROOT, "[bench] %s: %.1f %s%n", what, value, unit);
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static long bytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
