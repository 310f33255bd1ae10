{{- define "gridflex.settlement.principal" -}}settlement{{- end -}}
{{- define "gridflex.settlement.database" -}}true{{- end -}}
{{- define "gridflex.settlement.oidc" -}}true{{- end -}}
{{- define "gridflex.settlement.javaOpts" -}}{{- end -}}
{{- define "gridflex.settlement.podAnnotations" -}}{{- end -}}
{{- define "gridflex.settlement.volumeMounts" -}}{{- end -}}
{{- define "gridflex.settlement.volumes" -}}{{- end -}}
{{- define "gridflex.settlement.ports" -}}{{- end -}}
{{- define "gridflex.settlement.networkPolicyIngress" -}}{{- end -}}

{{/* The confidential client's secret, for the billing pages' code flow. */}}
{{- define "gridflex.settlement.env" -}}
- name: SETTLEMENT_OIDC_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.oidcClientSecret.name }}
      key: {{ .Values.oidcClientSecret.key }}
{{- end -}}
