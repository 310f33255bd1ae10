{{- define "gridflex.ven-gateway.principal" -}}ven-gateway{{- end -}}
{{- define "gridflex.ven-gateway.database" -}}true{{- end -}}
{{- define "gridflex.ven-gateway.oidc" -}}true{{- end -}}

{{/* The programs (map keys with dots and dashes, which environment variables cannot name) come in a properties file. */}}
{{- define "gridflex.ven-gateway.env" -}}
- name: QUARKUS_CONFIG_LOCATIONS
  value: file:/etc/gridflex/gateway/programs.properties
{{- end -}}

{{/*
JDK 24 and later disable TLS_RSA_WITH_AES_128_CBC_SHA256, OpenADR's suite for RSA certificates, JVM-wide; the
gateway refuses to start a program that offers it on such a JDK unless the JVM is started with its java.security
override. The option is added when some program may offer that suite: it has tls and lists no cipherSuites (the
gateway's default is both OpenADR suites) or lists that one. The override changes the policy of every TLS
connection of the JVM (Kafka, OIDC: the suite is offered after the forward-secret ones), so it is left out when no
program needs it, e.g. when every program lists only the ECDSA suite.
*/}}
{{- define "gridflex.ven-gateway.javaOpts" -}}
{{- if (include "gridflex.ven-gateway.openadr" . | fromJson).rsaSuite -}}
-Djava.security.properties={{ include "gridflex.ven-gateway.javaSecurityDir" . }}/{{ include "gridflex.ven-gateway.javaSecurityFile" . }}
{{- end -}}
{{- end -}}

{{/*
A changed program list rolls the pods: the gateway reads its programs at start only. The mounted Secrets and
ConfigMaps (certificates, keys, CA bundles, pin files) are not in the pod template: Kubernetes updates their files in
place and the gateway takes the change without a restart (each program's certificate-check-interval).
*/}}
{{- define "gridflex.ven-gateway.podAnnotations" -}}
checksum/programs: {{ include "gridflex.ven-gateway.programsProperties" . | sha256sum }}
{{- if (include "gridflex.ven-gateway.openadr" . | fromJson).rsaSuite }}
checksum/java-security: {{ .Files.Get (printf "files/%s" (include "gridflex.ven-gateway.javaSecurityFile" .)) | sha256sum }}
{{- end }}
{{- end -}}

{{- define "gridflex.ven-gateway.volumeMounts" -}}
- name: programs
  mountPath: /etc/gridflex/gateway
  readOnly: true
{{- if (include "gridflex.ven-gateway.openadr" . | fromJson).rsaSuite }}
- name: java-security
  mountPath: {{ include "gridflex.ven-gateway.javaSecurityDir" . }}
  readOnly: true
{{- end }}
{{- range (include "gridflex.ven-gateway.openadr" . | fromJson).volumes }}
- name: {{ .name }}
  mountPath: {{ .mountPath }}
  readOnly: true
{{- end }}
{{- end -}}

{{- define "gridflex.ven-gateway.volumes" -}}
- name: programs
  configMap:
    name: {{ include "gridflex.name" . }}-programs
{{- if (include "gridflex.ven-gateway.openadr" . | fromJson).rsaSuite }}
- name: java-security
  configMap:
    name: {{ include "gridflex.name" . }}-java-security
{{- end }}
{{- range (include "gridflex.ven-gateway.openadr" . | fromJson).volumes }}
# OpenADR key material: only the keys named, read-only for the owner and the pod's fsGroup (the gateway's group).
- name: {{ .name }}
  {{- if .configMapName }}
  configMap:
    name: {{ .configMapName }}
  {{- else }}
  secret:
    secretName: {{ .secretName }}
  {{- end }}
    defaultMode: 288  # 0440
    items:
      {{- range .keys }}
      - key: {{ . | quote }}
        path: {{ . | quote }}
      {{- end }}
{{- end }}
{{- end -}}

{{/*
The push listener, when a program has transport: push (_openadr.tpl): its container port, and the NetworkPolicy
rule that lets the VTNs reach it: from anywhere (they call from outside the cluster, through the Service
ven-gateway-push), or only from push.allowedFrom (CIDRs, or NetworkPolicyPeer objects). The port name is what the
Service targets.
*/}}
{{- define "gridflex.ven-gateway.pushPortName" -}}openadr-push{{- end -}}

{{- define "gridflex.ven-gateway.ports" -}}
{{- if (include "gridflex.ven-gateway.openadr" . | fromJson).push }}
- name: {{ include "gridflex.ven-gateway.pushPortName" . }}
  containerPort: {{ .Values.push.port }}
  protocol: TCP
{{- end }}
{{- end -}}

{{- define "gridflex.ven-gateway.networkPolicyIngress" -}}
{{- if (include "gridflex.ven-gateway.openadr" . | fromJson).push }}
# The push listener, for the VTNs of the push programs.
- ports:
    - port: {{ .Values.push.port }}
      protocol: TCP
  {{- with .Values.push.allowedFrom }}
  from:
    {{- range . }}
    {{- if kindIs "string" . }}
    - ipBlock:
        cidr: {{ . }}
    {{- else }}
    - {{- toYaml . | nindent 6 }}
    {{- end }}
    {{- end }}
  {{- end }}
{{- end }}
{{- end -}}
