package io.gridflex.gateway.opt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.program.ProgramConnection;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.gateway.vtn.VtnUnavailableException;
import io.gridflex.openadr.AvailabilityWindow;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrOpts;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.OptDecision;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.ei.EiTargetType;
import io.gridflex.openadr.model.ei.OptTypeType;
import io.gridflex.openadr.model.oadr.OadrCanceledOptType;
import io.gridflex.openadr.model.oadr.OadrCreatedOptType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.support.db.Transactions;

/**
 * Sends one program's unanswered opts to its VTN (oadrCreateOpt on EiOpt) and keeps each answer. An opt is answered
 * once the VTN replies oadrCreatedOpt, whatever its code; a VTN that cannot be reached, or a program not registered,
 * leaves it for the next round. The rows are locked while they are sent, so two gateway instances never send the
 * same opt; a crash after sending and before storing the answer sends it once more, under the same optID, which the
 * VTN recognises.
 */
final class OptSender {

    private static final Logger LOG = Logger.getLogger(OptSender.class);
    private static final int BATCH = 50;

    private final OptRepository opts;
    private final Transactions transactions;
    private final GatewayMetrics metrics;
    private final Clock clock;

    private final AvailabilityRepository schedules;

    OptSender(OptRepository opts, AvailabilityRepository schedules, Transactions transactions, GatewayMetrics metrics,
            Clock clock) {
        this.opts = opts;
        this.schedules = schedules;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return how many opts the VTN answered in this round */
    int sendPending(ProgramConnection program) {
        Registration registration = program.state().current().orElse(null);
        if (registration == null) {
            return 0;
        }
        return transactions.inTransaction(connection -> {
            List<PendingOpt> pending = opts.lockUnanswered(connection, program.id(), BATCH);
            int answered = 0;
            for (PendingOpt opt : pending) {
                Instant now = clock.instant();
                EiResponseType response = send(program, registration, opt, now);
                if (response == null) {
                    opts.attempted(connection, opt.optId(), now);
                    metrics.optSent(program.id(), "unreachable");
                    break;
                }
                int code = parseCode(response.getResponseCode());
                opts.answered(connection, opt.optId(), registration.venId(), code, response.getResponseDescription(),
                        now);
                metrics.optSent(program.id(), code == 200 ? "accepted" : "refused");
                if (code == 200) {
                    LOG.infof("program %s: opted out of event %s (modification %d): %s", program.id(),
                            opt.vtnEventId(), opt.modificationNumber(), opt.detail());
                } else {
                    LOG.warnf("program %s: VTN refused the opt-out of event %s: %d %s", program.id(),
                            opt.vtnEventId(), code, response.getResponseDescription());
                }
                answered++;
            }
            return answered;
        });
    }

    /**
     * Sends the program's opt schedules not yet sent (oadrCreateOpt with a vavailability from when the resource
     * became unavailable, open-ended) and withdraws those whose resource can take part again (oadrCancelOpt). A
     * schedule the VTN never accepted (not yet sent, or refused) is closed without a withdrawal.
     *
     * @return how many schedule messages the VTN answered in this round
     */
    int sendSchedules(ProgramConnection program) {
        Registration registration = program.state().current().orElse(null);
        if (registration == null) {
            return 0;
        }
        return transactions.inTransaction(connection -> {
            int answered = 0;
            for (AvailabilityOpt opt : schedules.lockUnsent(connection, program.id(), BATCH)) {
                Instant now = clock.instant();
                if ("CLOSING".equals(opt.state()) && !opt.acceptedByVtn()) {
                    schedules.closed(connection, opt.optId(), null, null, now);
                    continue;
                }
                EiResponseType response = "CLOSING".equals(opt.state())
                        ? exchange(program, OadrOpts.cancelOpt(UUID.randomUUID().toString(), opt.optId(),
                                registration.venId()), OadrCanceledOptType.class)
                        : exchange(program, OadrOpts.createScheduleOpt(UUID.randomUUID().toString(),
                                new OptDecision(opt.optId(), OptTypeType.OPT_OUT, opt.optReason(),
                                        registration.venId(), now),
                                program.config().marketContexts().map(List::getFirst).orElse(null),
                                List.of(new AvailabilityWindow(opt.unavailableSince(), Duration.ZERO)),
                                resources(List.of(opt.resourceId()))), OadrCreatedOptType.class);
                if (response == null) {
                    schedules.attempted(connection, opt.optId(), now);
                    metrics.optSent(program.id(), "unreachable");
                    break;
                }
                int code = parseCode(response.getResponseCode());
                metrics.optSent(program.id(), code == 200 ? "accepted" : "refused");
                if ("CLOSING".equals(opt.state())) {
                    schedules.closed(connection, opt.optId(), code, response.getResponseDescription(), now);
                    LOG.infof("program %s: resource %s available again, opt schedule %s withdrawn (%d)",
                            program.id(), opt.resourceId(), opt.optId(), code);
                } else {
                    schedules.created(connection, opt.optId(), registration.venId(), code,
                            response.getResponseDescription(), now);
                    LOG.infof("program %s: resource %s opted out from %s (%s): VTN answered %d", program.id(),
                            opt.resourceId(), opt.unavailableSince(), opt.detail(), code);
                }
                answered++;
            }
            return answered;
        });
    }

    /** The eiResponse of the VTN's answer of the expected type, or null when it could not be had. */
    private static EiResponseType exchange(ProgramConnection program, OadrPayload message, Class<?> answer) {
        try {
            Object body = OadrMessages.body(program.vtn().exchange(VtnService.OPT, message));
            EiResponseType response = switch (body) {
                case OadrCreatedOptType created when answer == OadrCreatedOptType.class -> created.getEiResponse();
                case OadrCanceledOptType canceled when answer == OadrCanceledOptType.class -> canceled.getEiResponse();
                default -> null;
            };
            if (response == null) {
                LOG.warnf("program %s: VTN answered %s instead of %s", program.id(), body.getClass().getSimpleName(),
                        answer.getSimpleName());
            }
            return response;
        } catch (VtnUnavailableException | OpenAdrXmlException e) {
            LOG.debugf("program %s: opt not delivered: %s", program.id(), e.getMessage());
            return null;
        }
    }

    /** The VTN's answer, or null when it could not be had (unreachable, or an unreadable reply). */
    private EiResponseType send(ProgramConnection program, Registration registration, PendingOpt opt,
            Instant now) {
        EiTargetType target = opt.resourceIds().isEmpty()
                ? OadrMessages.venTarget(List.of(registration.venId()))
                : resources(opt.resourceIds());
        OadrPayload create = OadrOpts.createEventOpt(UUID.randomUUID().toString(),
                new OptDecision(opt.optId(), OptTypeType.OPT_OUT, opt.optReason(), registration.venId(), now),
                opt.vtnEventId(), opt.modificationNumber(), target);
        try {
            OadrPayload reply = program.vtn().exchange(VtnService.OPT, create);
            if (OadrMessages.body(reply) instanceof OadrCreatedOptType created && created.getEiResponse() != null) {
                return created.getEiResponse();
            }
            LOG.warnf("program %s: VTN answered the opt %s with %s instead of oadrCreatedOpt", program.id(),
                    opt.optId(), OadrMessages.body(reply).getClass().getSimpleName());
            return null;
        } catch (VtnUnavailableException | OpenAdrXmlException e) {
            LOG.debugf("program %s: opt %s not delivered: %s", program.id(), opt.optId(), e.getMessage());
            return null;
        }
    }

    private static EiTargetType resources(List<String> resourceIds) {
        EiTargetType target = new EiTargetType();
        target.getResourceID().addAll(resourceIds);
        return target;
    }

    private static int parseCode(String code) {
        try {
            return Integer.parseInt(code.trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
