{{- define "gridflex.ven-gateway.principal" -}}ven-gateway{{- end -}}
{{- define "gridflex.ven-gateway.database" -}}true{{- end -}}
{{- define "gridflex.ven-gateway.oidc" -}}true{{- end -}}

{{- define "gridflex.ven-gateway.env" -}}
- name: GRIDFLEX_GATEWAY_VTN_URL
  value: {{ .Values.vtn.url | quote }}
- name: GRIDFLEX_GATEWAY_VEN_NAME
  value: {{ .Values.vtn.venName | quote }}
- name: GRIDFLEX_GATEWAY_PROGRAM
  value: {{ .Values.vtn.program | quote }}
{{- if .Values.global.openadr.mtls.enabled }}
- name: OPENADR_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.global.openadr.mtls.keystorePasswordSecret.name }}
      key: {{ .Values.global.openadr.mtls.keystorePasswordSecret.key }}
{{- end }}
{{- end -}}

{{/*
The VTN client uses the JVM's default SSL context, which takes its client certificate from the javax.net.ssl
key store properties: cert-manager writes the certificate and key as a PKCS#12 key store into the Secret.
*/}}
{{- define "gridflex.ven-gateway.javaOpts" -}}
{{- if .Values.global.openadr.mtls.enabled -}}
-Djavax.net.ssl.keyStore=/etc/gridflex/openadr/keystore.p12 -Djavax.net.ssl.keyStoreType=PKCS12 -Djavax.net.ssl.keyStorePassword=$(OPENADR_KEYSTORE_PASSWORD)
{{- end -}}
{{- end -}}

{{- define "gridflex.ven-gateway.volumeMounts" -}}
{{- if .Values.global.openadr.mtls.enabled }}
- name: openadr-tls
  mountPath: /etc/gridflex/openadr
  readOnly: true
{{- end }}
{{- end -}}

{{- define "gridflex.ven-gateway.volumes" -}}
{{- if .Values.global.openadr.mtls.enabled }}
- name: openadr-tls
  secret:
    secretName: {{ .Values.global.openadr.mtls.secretName }}
{{- end }}
{{- end -}}
