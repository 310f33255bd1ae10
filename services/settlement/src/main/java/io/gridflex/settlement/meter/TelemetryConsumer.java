package io.gridflex.settlement.meter;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteTelemetry;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.SettlementConfig;
import io.gridflex.settlement.messaging.WireValues;
import io.gridflex.support.db.UntilStored;
import io.gridflex.support.messaging.MessageRejections;
import io.gridflex.support.messaging.RejectReason;
import io.gridflex.support.messaging.SiteChannel;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Stores every site telemetry message as a metered interval, with where its figures come from and how many miners they
 * cover, so low-coverage intervals can be told apart later. A re-sent interval is a no-op; one that overlaps a
 * stored interval of the same site with other figures is not stored, because settling on either copy would be a
 * guess, but kept as a conflict beside the interval it met ({@code GET /api/sites/{id}/quality}).
 * While the database is away the message is held and retried ({@link UntilStored}), never skipped.
 */
@ApplicationScoped
public class TelemetryConsumer {

    private final MessageCodec codec;
    private final MeterIntervalRepository repository;
    private final MessageRejections rejected;
    private final IntakeMetrics metrics;
    private final UntilStored untilStored;
    private final Clock clock;
    private final IntakeRules rules;

    public TelemetryConsumer(MessageCodec codec, MeterIntervalRepository repository, MessageRejections rejected,
            IntakeMetrics metrics, UntilStored untilStored,
            Clock clock, SettlementConfig config) {
        this.codec = codec;
        this.repository = repository;
        this.rejected = rejected;
        this.metrics = metrics;
        this.untilStored = untilStored;
        this.clock = clock;
        SettlementConfig.Intake intake = config.intake();
        this.rules = new IntakeRules(intake.maxIntervalLength(), intake.maxClockSkew(), intake.maxSiteKw());
    }

    /**
     * One poll's worth of telemetry: each message decoded and checked on its own (a bad one is counted and skipped),
     * the rest stored together ({@link MeterIntervalRepository#storeAll}). While the database is away the whole batch
     * is held and retried; storing it again is harmless, as every interval is stored at most once.
     */
    @Incoming("site-telemetry")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        Instant now = clock.instant();
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        // Decoding (schema check included) is pure CPU and independent per message: every core takes a share.
        List<MeterInterval> intervals = metrics.decoding().record(() -> batch.parallelStream()
                .map(record -> decode(record, now))
                .flatMap(Optional::stream)
                .toList());
        List<StoreOutcome> outcomes = metrics.storing().record(() -> untilStored.run(Topics.SITE_TELEMETRY,
                () -> repository.storeAll(intervals, clock.instant(), rules.maxLength())));
        int stored = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            MeterInterval interval = intervals.get(i);
            StoreOutcome outcome = outcomes.get(i);
            switch (outcome.kind()) {
                case STORED -> stored++;
                case DUPLICATE -> {
                    metrics.duplicate();
                    rejected.reject(Topics.SITE_TELEMETRY, RejectReason.DUPLICATE,
                            "interval of site " + interval.siteId() + " at " + interval.intervalStart()
                                    + " already stored");
                }
                case CONFLICT -> rejected.reject(Topics.SITE_TELEMETRY, RejectReason.CONFLICT,
                        "interval of site " + interval.siteId() + " [" + interval.intervalStart() + ", "
                                + interval.intervalEnd() + ") overlaps stored [" + outcome.existing().intervalStart()
                                + ", " + outcome.existing().intervalEnd() + ") with other figures");
            }
        }
        metrics.stored(stored);
    }

    private Optional<MeterInterval> decode(ConsumerRecord<String, String> record, Instant now) {
        SiteTelemetry telemetry;
        try {
            telemetry = codec.decode(SiteTelemetry.class, record.value());
        } catch (InvalidMessageException e) {
            rejected.reject(Topics.SITE_TELEMETRY, RejectReason.INVALID, e.getMessage());
            return Optional.empty();
        }
        if (!SiteChannel.carried(Topics.SITE_TELEMETRY, record.topic(), telemetry.siteId())) {
            rejected.reject(Topics.SITE_TELEMETRY, RejectReason.WRONG_CHANNEL,
                    SiteChannel.mismatch(Topics.SITE_TELEMETRY, record.topic(), telemetry.siteId()));
            return Optional.empty();
        }
        MeterInterval interval = new MeterInterval(
                telemetry.siteId(),
                WireValues.instant(telemetry.intervalStart()),
                WireValues.instant(telemetry.intervalEnd()),
                WireValues.decimal(telemetry.averageKw()),
                WireValues.decimal(telemetry.energyKwh()),
                telemetry.scheduleRevision(),
                telemetry.source(),
                WireValues.decimal(telemetry.coverage()));
        Optional<IntakeRules.Refusal> refusal = rules.check(interval, now);
        if (refusal.isPresent()) {
            rejected.reject(Topics.SITE_TELEMETRY, refusal.get().reason(), refusal.get().detail());
            return Optional.empty();
        }
        return Optional.of(interval);
    }
}
