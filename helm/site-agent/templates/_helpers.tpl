{{- define "site-agent.name" -}}
site-agent-{{ required "site.id is required" .Values.site.id }}
{{- end -}}

{{- define "site-agent.labels" -}}
{{ include "site-agent.selectorLabels" . }}
app.kubernetes.io/part-of: gridflex
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "site-agent.selectorLabels" -}}
app.kubernetes.io/name: site-agent
app.kubernetes.io/instance: {{ .Release.Name }}
gridflex.io/site: {{ .Values.site.id }}
{{- end -}}

{{- define "site-agent.image" -}}
{{- if .Values.image.registry -}}{{ .Values.image.registry }}/{{- end -}}{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
