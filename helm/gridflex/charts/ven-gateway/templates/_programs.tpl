{{/*
The programs as the properties file the gateway reads (quarkus.config.locations), one block of
gridflex.gateway.programs."<id>".* per program, the optional keys only when given. Escaped twice over, and checked
by reading the rendered file back with SmallRye Config (helm module, VenGatewayProgramsTest):
- the id, a quoted map key: SmallRye's escape (`\` doubled), then the properties format's (`\` doubled again, `=`
  and `:` escaped). Ids SmallRye cannot read back as the same key are refused: with `"` (escaped, the key's
  defaults are not found), ending in `\` (it escapes the closing quote) or in `[<digits>]` (read as a list index);
- the tls.* and signature.* keys name the files of the program's mounted Secrets (_openadr.tpl);
- when a program has transport: push, the push listener's gridflex.gateway.push.* keys follow the programs
  (_openadr.tpl);
- a value: `$` as `\$` so that SmallRye expands no ${...} in it, then the properties format's (`\` doubled, a
  leading space kept).
*/}}
{{- define "gridflex.ven-gateway.programsProperties" -}}
{{- $seen := dict -}}
{{- $plan := include "gridflex.ven-gateway.openadr" . | fromJson -}}
{{- $openadr := $plan.programs -}}
# The ven-gateway's OpenADR programs, from the chart's `programs` values.
{{- range $i, $program := .Values.programs }}
{{- $id := $program.id | toString }}
{{- if hasKey $seen $id }}
{{- fail (printf "ven-gateway: programs[%d] has the id %q of programs[%v]; each program needs an id of its own" $i $id (get $seen $id)) }}
{{- end }}
{{- $_ := set $seen $id $i }}
{{- if contains "\"" $id }}
{{- fail (printf "ven-gateway: programs[%d].id %q has a \", which the gateway's configuration cannot carry in a program id" $i $id) }}
{{- end }}
{{- if hasSuffix "\\" $id }}
{{- fail (printf "ven-gateway: programs[%d].id %q ends in \\, which the gateway's configuration cannot carry in a program id" $i $id) }}
{{- end }}
{{- if regexMatch "\\[[0-9]+\\]$" $id }}
{{- fail (printf "ven-gateway: programs[%d].id %q ends in [<digits>], which the gateway's configuration reads as a list index" $i $id) }}
{{- end }}
{{- $key := printf "gridflex.gateway.programs.\"%s\"" ($id | replace "\\" "\\\\\\\\" | replace "=" "\\=" | replace ":" "\\:") }}
{{ $key }}.vtn.url={{ include "gridflex.ven-gateway.propertiesValue" $program.vtnUrl }}
{{ $key }}.ven-name={{ include "gridflex.ven-gateway.propertiesValue" $program.venName }}
{{- with $program.expectedVtnId }}
{{ $key }}.vtn.expected-id={{ include "gridflex.ven-gateway.propertiesValue" . }}
{{- end }}
{{- with $program.connectTimeout }}
{{ $key }}.vtn.connect-timeout={{ . }}
{{- end }}
{{- with $program.requestTimeout }}
{{ $key }}.vtn.request-timeout={{ . }}
{{- end }}
{{- with $program.acceptedGroups }}
{{ $key }}.accepted-groups={{ include "gridflex.ven-gateway.propertiesValue" (join "," .) }}
{{- end }}
{{- with $program.transport }}
{{ $key }}.transport={{ . }}
{{- end }}
{{- with $program.venId }}
{{ $key }}.ven-id={{ include "gridflex.ven-gateway.propertiesValue" . }}
{{- end }}
{{- with $program.marketContexts }}
{{- $contexts := list }}
{{- range . }}
{{- $contexts = append $contexts (. | replace "\\" "\\\\" | replace "," "\\,") }}
{{- end }}
{{ $key }}.market-contexts={{ include "gridflex.ven-gateway.propertiesValue" (join "," $contexts) }}
{{- end }}
{{- with $program.pollInterval }}
{{ $key }}.poll.interval={{ . }}
{{- end }}
{{- range $resource, $sites := $program.resources }}
{{ $key }}.resources.{{ $resource }}.sites={{ include "gridflex.ven-gateway.propertiesValue" (join "," $sites) }}
{{- end }}
{{- $reports := dict }}
{{- range $j, $report := $program.vtnReports }}
{{- if hasKey $reports $report.name }}
{{- fail (printf "ven-gateway: programs[%d].vtnReports[%d] has the name %q of vtnReports[%v]; each needs a name of its own" $i $j $report.name (get $reports $report.name)) }}
{{- end }}
{{- $_ := set $reports $report.name $j }}
{{ $key }}.vtn-reports.{{ $report.name }}.report={{ include "gridflex.ven-gateway.propertiesValue" $report.report }}
{{- with $report.rIds }}
{{ $key }}.vtn-reports.{{ $report.name }}.r-ids={{ include "gridflex.ven-gateway.propertiesValue" (join "," .) }}
{{- end }}
{{- with $report.granularity }}
{{ $key }}.vtn-reports.{{ $report.name }}.granularity={{ . }}
{{- end }}
{{- with $report.reportBack }}
{{ $key }}.vtn-reports.{{ $report.name }}.report-back={{ . }}
{{- end }}
{{- end }}
{{- range (index $openadr $i).properties }}
{{ $key }}.{{ index . 0 }}={{ include "gridflex.ven-gateway.propertiesValue" (index . 1) }}
{{- end }}
{{- end }}
{{- with $plan.push }}
# The push listener the VTNs of the push programs call, from the chart's `push` values.
{{- range .properties }}
gridflex.gateway.push.{{ index . 0 }}={{ include "gridflex.ven-gateway.propertiesValue" (index . 1) }}
{{- end }}
{{- end }}
{{- end -}}

{{/* A value in the properties file: `$` as `\$` (no expression expansion), `\` doubled, a leading space kept. */}}
{{- define "gridflex.ven-gateway.propertiesValue" -}}
{{- regexReplaceAll "^ " (toString . | replace "\\" "\\\\" | replace "$" "\\\\$") "\\ " -}}
{{- end -}}
