{{/*
Each program's OpenADR key material, and the push listener's: which Secrets to mount where, and the keys of
programs.properties that name the mounted files. One plan, as JSON, so that the volumes, the mounts and the properties
cannot disagree:

  {"programs": [{"properties": [[<key>, <value>], ...]}],
   "push": {"properties": [[<key>, <value>], ...]},   only when a program has transport: push
   "volumes": [{"name", "secretName" or "configMapName", "keys", "mountPath"}],
   "rsaSuite": <whether any program or the push listener may offer TLS_RSA_WITH_AES_128_CBC_SHA256>}

Program i's files are under /etc/gridflex/openadr/<i>/ (the index, not the id: any id the chart accepts, none
colliding):
  tls/        the Secret tls.secretName (tls.crt, tls.key; and the trusted CA key when it is in the same Secret);
              also what the program signs with when signature.secretName is absent or the same Secret
  tls-trust/  tls.trustedCertificates.secretName, when another Secret
  signature/  signature.secretName, when another Secret than tls.secretName (tls.crt, tls.key)
  signers/    signature.trustedCertificates.secretName (its keys)
  tls-pins/   tls.pinnedFingerprintsFrom (a ConfigMap or Secret key: the pin file, watched by the gateway)
  signer-pins/ signature.trustedFingerprintsFrom (likewise)
The push listener's are under /etc/gridflex/openadr/push/: push.tls.secretName (tls.crt, tls.key).
Only the keys named are projected, so a Secret without them fails the pod's start (the kubelet names the key)
instead of the gateway's.

A program with transport: push needs tls.trustedCertificates (the gateway checks its VTN's client certificate against
them), and the listener needs push.tls.secretName and push.publicUrl: the render fails without them, naming the
program.
*/}}
{{- define "gridflex.ven-gateway.openadr" -}}
{{- $programs := list -}}
{{- $allVolumes := list -}}
{{- $pushPrograms := list -}}
{{- $rsa := false -}}
{{- range $i, $p := .Values.programs -}}
{{- $dir := printf "/etc/gridflex/openadr/%d" (int $i) -}}
{{- $volumes := list -}}
{{- $props := list -}}
{{- $tls := $p.tls | default dict -}}
{{- $tlsKeys := list -}}
{{- if eq ($p.transport | default "pull") "push" -}}
{{- $pushPrograms = append $pushPrograms (printf "programs[%d] (%q)" (int $i) (toString $p.id)) -}}
{{- if not $tls.trustedCertificates -}}
{{- fail (printf "ven-gateway: programs[%d] (%q) has transport: push, which needs tls.trustedCertificates: the gateway takes a push only from a client certificate that chains to them (and matches tls.pinnedFingerprints when set)" (int $i) (toString $p.id)) -}}
{{- end -}}
{{- if $p.pollInterval -}}
{{- fail (printf "ven-gateway: programs[%d] (%q) has transport: push and a pollInterval, which only a pull program uses: leave it out" (int $i) (toString $p.id)) -}}
{{- end -}}
{{- end -}}
{{- if $p.tls -}}
{{- $tlsKeys = list "tls.crt" "tls.key" -}}
{{- $props = append $props (list "tls.certificate" (printf "%s/tls/tls.crt" $dir)) -}}
{{- $props = append $props (list "tls.key" (printf "%s/tls/tls.key" $dir)) -}}
{{- with $tls.trustedCertificates -}}
{{- if or (not .secretName) (eq .secretName $tls.secretName) -}}
{{- $tlsKeys = append $tlsKeys .key | uniq -}}
{{- $props = append $props (list "tls.trusted-certificates" (printf "%s/tls/%s" $dir .key)) -}}
{{- else -}}
{{- $volumes = append $volumes (dict "name" (printf "openadr-%d-tls-trust" (int $i)) "secretName" .secretName "keys" (list .key) "mountPath" (printf "%s/tls-trust" $dir)) -}}
{{- $props = append $props (list "tls.trusted-certificates" (printf "%s/tls-trust/%s" $dir .key)) -}}
{{- end -}}
{{- end -}}
{{- with $tls.pinnedFingerprints -}}
{{- $props = append $props (list "tls.pinned-fingerprints" (join "," .)) -}}
{{- end -}}
{{- with $tls.pinnedFingerprintsFrom -}}
{{- if $tls.pinnedFingerprints -}}
{{- fail (printf "ven-gateway: programs[%d] (%q) sets both tls.pinnedFingerprints and tls.pinnedFingerprintsFrom: pin in one place (pinnedFingerprintsFrom, to change pins without a restart)" (int $i) (toString $p.id)) -}}
{{- end -}}
{{- $volumes = append $volumes (dict "name" (printf "openadr-%d-tls-pins" (int $i)) "secretName" (.secretName | default "") "configMapName" (.configMapName | default "") "keys" (list .key) "mountPath" (printf "%s/tls-pins" $dir)) -}}
{{- $props = append $props (list "tls.pinned-fingerprints-file" (printf "%s/tls-pins/%s" $dir .key)) -}}
{{- end -}}
{{- with $tls.cipherSuites -}}
{{- $props = append $props (list "tls.cipher-suites" (join "," .)) -}}
{{- end -}}
{{- with $tls.protocols -}}
{{- $props = append $props (list "tls.protocols" (join "," .)) -}}
{{- end -}}
{{- with $tls.certificateCheckInterval -}}
{{- $props = append $props (list "tls.certificate-check-interval" .) -}}
{{- end -}}
{{- if include "gridflex.ven-gateway.offersRsaSuite" $tls.cipherSuites -}}
{{- $rsa = true -}}
{{- end -}}
{{- end -}}
{{- with $p.signature -}}
{{- $secret := .secretName | default $tls.secretName -}}
{{- if not $secret -}}
{{- fail (printf "ven-gateway: programs[%d].signature has no secretName and the program no tls.secretName to sign with" (int $i)) -}}
{{- end -}}
{{- $signing := printf "%s/tls" $dir -}}
{{- if ne $secret ($tls.secretName | default "") -}}
{{- $signing = printf "%s/signature" $dir -}}
{{- $volumes = append $volumes (dict "name" (printf "openadr-%d-signature" (int $i)) "secretName" $secret "keys" (list "tls.crt" "tls.key") "mountPath" $signing) -}}
{{- end -}}
{{- $props = append $props (list "signature.key" (printf "%s/tls.key" $signing)) -}}
{{- $props = append $props (list "signature.certificate" (printf "%s/tls.crt" $signing)) -}}
{{- with .trustedCertificates -}}
{{- $signers := printf "%s/signers" $dir -}}
{{- $volumes = append $volumes (dict "name" (printf "openadr-%d-signers" (int $i)) "secretName" .secretName "keys" .keys "mountPath" $signers) -}}
{{- $files := list -}}
{{- range .keys -}}
{{- $files = append $files (printf "%s/%s" $signers .) -}}
{{- end -}}
{{- $props = append $props (list "signature.trusted-certificates" (join "," $files)) -}}
{{- end -}}
{{- with .trustedFingerprints -}}
{{- $props = append $props (list "signature.trusted-fingerprints" (join "," .)) -}}
{{- end -}}
{{- $signature := . -}}
{{- with .trustedFingerprintsFrom -}}
{{- if $signature.trustedFingerprints -}}
{{- fail (printf "ven-gateway: programs[%d] (%q) sets both signature.trustedFingerprints and signature.trustedFingerprintsFrom: list them in one place (trustedFingerprintsFrom, to change them without a restart)" (int $i) (toString $p.id)) -}}
{{- end -}}
{{- $volumes = append $volumes (dict "name" (printf "openadr-%d-signer-pins" (int $i)) "secretName" (.secretName | default "") "configMapName" (.configMapName | default "") "keys" (list .key) "mountPath" (printf "%s/signer-pins" $dir)) -}}
{{- $props = append $props (list "signature.trusted-fingerprints-file" (printf "%s/signer-pins/%s" $dir .key)) -}}
{{- end -}}
{{- with .replayWindow -}}
{{- $props = append $props (list "signature.replay-window" .) -}}
{{- end -}}
{{- with .certificateCheckInterval -}}
{{- $props = append $props (list "signature.certificate-check-interval" .) -}}
{{- end -}}
{{- end -}}
{{- if $tlsKeys -}}
{{- $volumes = prepend $volumes (dict "name" (printf "openadr-%d-tls" (int $i)) "secretName" $tls.secretName "keys" $tlsKeys "mountPath" (printf "%s/tls" $dir)) -}}
{{- end -}}
{{- $programs = append $programs (dict "properties" $props) -}}
{{- $allVolumes = concat $allVolumes $volumes -}}
{{- end -}}
{{- $plan := dict "programs" $programs -}}
{{- if $pushPrograms -}}
{{- $listener := .Values.push | default dict -}}
{{- $listenerTls := $listener.tls | default dict -}}
{{- $for := printf "ven-gateway: %s %s transport: push" (join ", " $pushPrograms) (ternary "has" "have" (eq (len $pushPrograms) 1)) -}}
{{- if not $listenerTls.secretName -}}
{{- fail (printf "%s, and the push listener has no certificate: set push.tls.secretName to a Secret with tls.crt and tls.key (push.tls.certificate has cert-manager issue it)" $for) -}}
{{- end -}}
{{- if not $listener.publicUrl -}}
{{- fail (printf "%s, and push.publicUrl is not set: the https address at which the VTNs reach the push listener (the push Service's external name), which each push program registers as <publicUrl>/<program id>" $for) -}}
{{- end -}}
{{- $dir := "/etc/gridflex/openadr/push" -}}
{{- $allVolumes = append $allVolumes (dict "name" "openadr-push-tls" "secretName" $listenerTls.secretName "keys" (list "tls.crt" "tls.key") "mountPath" $dir) -}}
{{- $props := list (list "port" (toString (int $listener.port))) (list "public-url" $listener.publicUrl) -}}
{{- $props = concat $props (list (list "certificate" (printf "%s/tls.crt" $dir)) (list "key" (printf "%s/tls.key" $dir))) -}}
{{- with $listenerTls.cipherSuites -}}
{{- $props = append $props (list "cipher-suites" (join "," .)) -}}
{{- end -}}
{{- with $listenerTls.protocols -}}
{{- $props = append $props (list "protocols" (join "," .)) -}}
{{- end -}}
{{- with $listener.maxRequestBytes -}}
{{- $props = append $props (list "max-request-bytes" (toString (int .))) -}}
{{- end -}}
{{- with $listener.requestTimeout -}}
{{- $props = append $props (list "request-timeout" .) -}}
{{- end -}}
{{- with $listener.idleTimeout -}}
{{- $props = append $props (list "idle-timeout" .) -}}
{{- end -}}
{{- with $listener.maxConnections -}}
{{- $props = append $props (list "max-connections" (toString (int .))) -}}
{{- end -}}
{{- if include "gridflex.ven-gateway.offersRsaSuite" $listenerTls.cipherSuites -}}
{{- $rsa = true -}}
{{- end -}}
{{- $_ := set $plan "push" (dict "properties" $props) -}}
{{- end -}}
{{- $_ := set $plan "volumes" $allVolumes -}}
{{- $_ := set $plan "rsaSuite" $rsa -}}
{{- $plan | toJson -}}
{{- end -}}

{{/* "true" when these cipherSuites may offer TLS_RSA_WITH_AES_128_CBC_SHA256: none listed (the gateway's default is
both OpenADR suites), or that one listed. */}}
{{- define "gridflex.ven-gateway.offersRsaSuite" -}}
{{- if or (not .) (has "TLS_RSA_WITH_AES_128_CBC_SHA256" .) -}}true{{- end -}}
{{- end -}}

{{/* The java.security override (files/, a copy of the gateway's) and where the container finds it. */}}
{{- define "gridflex.ven-gateway.javaSecurityFile" -}}openadr-tls.java.security{{- end -}}
{{- define "gridflex.ven-gateway.javaSecurityDir" -}}/etc/gridflex/java-security{{- end -}}
