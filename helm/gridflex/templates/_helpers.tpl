{{- define "gridflex.umbrella.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: gridflex
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Labels of a Strimzi topic or user: the cluster whose operators handle it. */}}
{{- define "gridflex.strimzi.labels" -}}
strimzi.io/cluster: {{ .Values.global.kafka.cluster }}
{{ include "gridflex.umbrella.labels" . }}
{{- end -}}

{{/* A KafkaTopic; its object name is the topic name made a Kubernetes name, as the platform's StrimziObjects does. */}}
{{- define "gridflex.kafkaTopic" -}}
{{- $root := index . 0 -}}{{- $topic := index . 1 -}}{{- $partitions := index . 2 -}}
{{- $extra := dict -}}{{- if gt (len .) 3 -}}{{- $extra = index . 3 -}}{{- end -}}
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata:
  name: {{ regexReplaceAll "[^a-z0-9.-]" ($topic | lower) "-" }}
  labels:
    {{- include "gridflex.strimzi.labels" $root | nindent 4 }}
spec:
  topicName: {{ $topic }}
  partitions: {{ $partitions }}
  replicas: {{ $root.Values.global.kafka.replicas }}
  config:
    retention.ms: {{ $root.Values.strimzi.topics.retention | int64 }}
    min.insync.replicas: {{ if gt (int $root.Values.global.kafka.replicas) 1 }}2{{ else }}1{{ end }}
    {{- range $key, $value := $extra }}
    {{ $key }}: {{ $value }}
    {{- end }}
{{- end -}}

{{/* One ACL rule of a KafkaUser: resource type, name, pattern type, operation. */}}
{{- define "gridflex.acl" -}}
- resource:
    type: {{ index . 0 }}
    name: {{ index . 1 }}
    patternType: {{ index . 2 }}
  operations: [{{ index . 3 }}]
{{- end -}}
{{- define "gridflex.kafkaUser" -}}
{{- $root := index . 0 -}}
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaUser
metadata:
  name: {{ index . 1 }}
  labels:
    {{- include "gridflex.strimzi.labels" $root | nindent 4 }}
spec:
  authentication:
    type: scram-sha-512
  authorization:
    type: simple
    acls:
{{- end -}}
