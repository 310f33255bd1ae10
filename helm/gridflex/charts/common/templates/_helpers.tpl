{{/*
Shared by the central service charts (ven-gateway, dispatch, settlement). Helm makes a named template of any chart
of the release visible to every other one, so each service chart's templates are one include of these.
*/}}

{{- define "gridflex.name" -}}
{{- .Chart.Name -}}
{{- end -}}

{{- define "gridflex.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: gridflex
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "gridflex.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* registry/repository:tag; the tag defaults to the global one, then to the chart's appVersion. */}}
{{- define "gridflex.image" -}}
{{- $registry := .Values.image.registry | default .Values.global.imageRegistry -}}
{{- $tag := .Values.image.tag | default .Values.global.imageTag | default .Chart.AppVersion -}}
{{- if $registry -}}{{ $registry }}/{{- end -}}{{ .Values.image.repository }}:{{ $tag }}
{{- end -}}

{{/* The platform Kafka's bootstrap address: given, or the Strimzi cluster's internal TLS listener. */}}
{{- define "gridflex.kafkaBootstrap" -}}
{{- .Values.global.kafka.bootstrapServers | default (printf "%s-kafka-bootstrap:9093" .Values.global.kafka.cluster) -}}
{{- end -}}

{{/* The Secret holding the CA the Kafka listeners' certificates are signed by (Strimzi's cluster CA by default). */}}
{{- define "gridflex.kafkaCaSecret" -}}
{{- .Values.global.kafka.caSecret.name | default (printf "%s-cluster-ca-cert" .Values.global.kafka.cluster) -}}
{{- end -}}

{{/* The Secret with a principal's SCRAM password: Strimzi's User Operator writes one per KafkaUser, named after it. */}}
{{- define "gridflex.kafkaUserSecret" -}}
{{- $root := index . 0 -}}{{- $principal := index . 1 -}}
{{- $root.Values.kafkaPasswordSecret | default $principal -}}
{{- end -}}

{{/* JDBC URL: given, or CloudNativePG's read-write service of the cluster. */}}
{{- define "gridflex.jdbcUrl" -}}
{{- .Values.global.postgres.jdbcUrl | default (printf "jdbc:postgresql://%s-rw:5432/%s" .Values.global.postgres.cluster .Values.global.postgres.database) -}}
{{- end -}}

{{/* Credentials of the database: given, or the secret CloudNativePG generates for the application's owner. */}}
{{- define "gridflex.postgresSecret" -}}
{{- .Values.global.postgres.credentialsSecret | default (printf "%s-app" .Values.global.postgres.cluster) -}}
{{- end -}}

{{/*
The ports an address list names, as NetworkPolicyPort objects: "host:port,host:port" (Kafka's bootstrap servers) or
a JDBC URL's hosts ("jdbc:postgresql://host[:port][,host[:port]]/db", 5432 where a host has none). The egress to
existing infrastructure is opened on these ports, not on the operators' defaults.
*/}}
{{- define "gridflex.kafkaPorts" -}}
{{- $ports := list -}}
{{- range $server := splitList "," (include "gridflex.kafkaBootstrap" .) -}}
{{- $port := regexFind ":[0-9]+$" (trim $server) | trimPrefix ":" -}}
{{- if not $port -}}
{{- fail (printf "global.kafka.bootstrapServers: %q has no port (host:port, comma-separated)" (trim $server)) -}}
{{- end -}}
{{- $ports = append $ports (int $port) -}}
{{- end -}}
{{- range $port := $ports | uniq }}
- port: {{ $port }}
  protocol: TCP
{{- end -}}
{{- end -}}

{{- define "gridflex.postgresPorts" -}}
{{- $hosts := regexReplaceAll "^jdbc:postgresql://([^/?]*).*$" (include "gridflex.jdbcUrl" .) "${1}" -}}
{{- $ports := list -}}
{{- range $host := splitList "," $hosts -}}
{{- $ports = append $ports (regexFind ":[0-9]+$" (trim $host) | trimPrefix ":" | default "5432" | int) -}}
{{- end -}}
{{- range $port := $ports | uniq }}
- port: {{ $port }}
  protocol: TCP
{{- end -}}
{{- end -}}

{{- define "gridflex.oidcUrl" -}}
{{- .Values.global.oidc.authServerUrl | default (printf "http://%s-service:8080/realms/gridflex" .Values.global.keycloak.name) -}}
{{- end -}}
