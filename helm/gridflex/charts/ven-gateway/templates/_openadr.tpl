{{/*
Each program's OpenADR key material: which Secrets to mount where, and the tls.* / signature.* keys of
programs.properties that name the mounted files. One plan, as JSON, so that the volumes, the mounts and the properties
cannot disagree:

  {"programs": [{"volumes": [{"name", "secretName", "keys", "mountPath"}], "properties": [[<key>, <value>], ...]}],
   "rsaSuite": <whether any program may offer TLS_RSA_WITH_AES_128_CBC_SHA256>}

Program i's files are under /etc/gridflex/openadr/<i>/ (the index, not the id: any id the chart accepts, none
colliding):
  tls/        the Secret tls.secretName (tls.crt, tls.key; and the trusted CA key when it is in the same Secret);
              also what the program signs with when signature.secretName is absent or the same Secret
  tls-trust/  tls.trustedCertificates.secretName, when another Secret
  signature/  signature.secretName, when another Secret than tls.secretName (tls.crt, tls.key)
  signers/    signature.trustedCertificates.secretName (its keys)
Only the keys named are projected, so a Secret without them fails the pod's start (the kubelet names the key)
instead of the gateway's.
*/}}
{{- define "gridflex.ven-gateway.openadr" -}}
{{- $programs := list -}}
{{- $rsa := false -}}
{{- range $i, $p := .Values.programs -}}
{{- $dir := printf "/etc/gridflex/openadr/%d" (int $i) -}}
{{- $volumes := list -}}
{{- $props := list -}}
{{- $tls := $p.tls | default dict -}}
{{- $tlsKeys := list -}}
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
{{- with $tls.cipherSuites -}}
{{- $props = append $props (list "tls.cipher-suites" (join "," .)) -}}
{{- end -}}
{{- with $tls.protocols -}}
{{- $props = append $props (list "tls.protocols" (join "," .)) -}}
{{- end -}}
{{- /* The gateway's default suites include it. */ -}}
{{- if or (not $tls.cipherSuites) (has "TLS_RSA_WITH_AES_128_CBC_SHA256" $tls.cipherSuites) -}}
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
{{- with .replayWindow -}}
{{- $props = append $props (list "signature.replay-window" .) -}}
{{- end -}}
{{- end -}}
{{- if $tlsKeys -}}
{{- $volumes = prepend $volumes (dict "name" (printf "openadr-%d-tls" (int $i)) "secretName" $tls.secretName "keys" $tlsKeys "mountPath" (printf "%s/tls" $dir)) -}}
{{- end -}}
{{- $programs = append $programs (dict "volumes" $volumes "properties" $props) -}}
{{- end -}}
{{- dict "programs" $programs "rsaSuite" $rsa | toJson -}}
{{- end -}}

{{/* The java.security override (files/, a copy of the gateway's) and where the container finds it. */}}
{{- define "gridflex.ven-gateway.javaSecurityFile" -}}openadr-tls.java.security{{- end -}}
{{- define "gridflex.ven-gateway.javaSecurityDir" -}}/etc/gridflex/java-security{{- end -}}
