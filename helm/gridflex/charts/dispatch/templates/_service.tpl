{{- define "gridflex.dispatch.principal" -}}dispatch{{- end -}}
{{- define "gridflex.dispatch.database" -}}true{{- end -}}
{{- define "gridflex.dispatch.oidc" -}}true{{- end -}}
{{- define "gridflex.dispatch.javaOpts" -}}{{- end -}}
{{- define "gridflex.dispatch.podAnnotations" -}}{{- end -}}
{{- define "gridflex.dispatch.volumeMounts" -}}{{- end -}}
{{- define "gridflex.dispatch.volumes" -}}{{- end -}}
{{- define "gridflex.dispatch.ports" -}}{{- end -}}
{{- define "gridflex.dispatch.networkPolicyIngress" -}}{{- end -}}

{{/*
Sites' Kafka users and topics are declared as Strimzi objects by the umbrella chart (its `sites` list), so dispatch
does not provision them through the Admin API; its consumers' static membership takes the pod's name.
*/}}
{{- define "gridflex.dispatch.env" -}}
- name: GRIDFLEX_SITE_LINK_PROVISIONING
  value: "false"
- name: GRIDFLEX_SITE_LINK_STRIMZI_CLUSTER
  value: {{ .Values.global.kafka.cluster | quote }}
- name: GRIDFLEX_SITE_LINK_STRIMZI_REPLICAS
  value: {{ .Values.global.kafka.replicas | quote }}
- name: GRIDFLEX_SITE_LINK_BOOTSTRAP_SERVERS
  value: {{ .Values.siteBootstrapServers | default (include "gridflex.kafkaBootstrap" .) | quote }}
- name: GRIDFLEX_DISPATCH_INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{- end -}}
