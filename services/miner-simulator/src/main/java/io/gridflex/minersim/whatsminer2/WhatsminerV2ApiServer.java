package io.gridflex.minersim.whatsminer2;

import io.gridflex.minersim.fleet.ApiOptions;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.OneRequestApiServer;

/**
 * The Whatsminer API v2 (TCP 4028 on real hardware) of one simulated miner: one JSON request per connection, one JSON
 * answer, then the miner closes.
 * <p>
 * Plain requests {@code {"cmd":"<name>"}} ({@code "command"} is accepted too):
 * <ul>
 * <li>{@code summary} → {@code {"STATUS":[{"STATUS":"S","Code":11,"Msg":"Summary",...}],"SUMMARY":[{"Elapsed",
 * "MHS av","MHS 5s","MHS 1m",... (MH/s),"Power","Power_RT" (W),"Power Limit" (W, nominal),"Factory GHS",...}]}}</li>
 * <li>{@code get_token} → {@code {"STATUS":"S","When":<s>,"Code":134,"Msg":{"time":"<last 4 digits of When>",
 * "salt":"<the admin password's salt, fixed>","newsalt":"<8 random characters>"},"Description":""}}; the token is
 * honoured for 30 minutes; with 32 unexpired tokens out, {@code get_token} answers code 136</li>
 * <li>{@code get_miner_info} → {@code {"STATUS":"S","When":<s>,"Code":131,"Msg":{"proto","hostname","mac",
 * "ledstat"}}}: the MAC address in upper case with colons</li>
 * </ul>
 * Privileged requests {@code {"enc":1,"data":"<base64>"}}: data is AES-256-ECB of the NUL-padded UTF-8 JSON
 * {@code {"cmd":...,"token":"<sign>",...}}, the key sha256 of the hash part of md5-crypt(admin password, salt), sign
 * the hash part of md5-crypt(that hash part + time, newsalt). Commands: {@code power_off} (shed; ramps to the sleep
 * draw; {@code respbefore} accepted), {@code power_on} (restore), {@code set_power_pct} {@code "percent":"<10-100>"}
 * (the awake draw becomes that share of nominal until changed; no reboot). The answer is
 * {@code {"enc":"<base64>"}} of {@code {"STATUS":"S","When":..,"Code":131,"Msg":"API command OK","Description":""}},
 * or of an error status: 132 command error (bad percent), 14 unknown command.
 * <p>
 * Plain error statuses {@code {"STATUS":"E","When","Code","Msg","Description"}}: 23 not JSON (or data not base64 of
 * whole AES blocks), 14 unknown command, 45 write access disabled ({@link SimulatedMiner#hasWriteAccess()}) or a
 * privileged command sent in plain, 135 a token that does not decrypt to JSON with the miner's key (a wrong password),
 * is unknown or expired, 136 too many tokens. {@link Misbehaviour#REFUSE_CREDENTIALS} makes every token check fail
 * (135); the other misbehaviours act as on every firmware.
 */
public final class WhatsminerV2ApiServer extends OneRequestApiServer {

    public WhatsminerV2ApiServer(SimulatedMiner miner, String host, int port, ApiOptions options) {
        super("whatsminer-v2-" + miner.id(), miner, host, port, options,
                new WhatsminerV2Commands(miner, options.password(Firmware.WHATSMINER_V2)), false);
    }
}
