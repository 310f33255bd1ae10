package io.gridflex.gateway.opt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.program.ProgramConnection;
import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.gateway.vtn.VtnUnavailableException;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrOpts;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.OptDecision;
import io.gridflex.openadr.model.ei.EiResponseType;
import io.gridflex.openadr.model.ei.EiTargetType;
import io.gridflex.openadr.model.ei.OptTypeType;
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

    OptSender(OptRepository opts, Transactions transactions, GatewayMetrics metrics, Clock clock) {
        this.opts = opts;
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
