{{- define "gridflex.ven-gateway.principal" -}}ven-gateway{{- end -}}
{{- define "gridflex.ven-gateway.database" -}}true{{- end -}}
{{- define "gridflex.ven-gateway.oidc" -}}true{{- end -}}

{{/* The programs (map keys with dots and dashes, which environment variables cannot name) come in a properties file. */}}
{{- define "gridflex.ven-gateway.env" -}}
- name: QUARKUS_CONFIG_LOCATIONS
  value: file:/etc/gridflex/gateway/programs.properties
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

{{/* A changed program list rolls the pods: the gateway reads its programs at start only. */}}
{{- define "gridflex.ven-gateway.podAnnotations" -}}
checksum/programs: {{ include "gridflex.ven-gateway.programsProperties" . | sha256sum }}
{{- end -}}

{{- define "gridflex.ven-gateway.volumeMounts" -}}
- name: programs
  mountPath: /etc/gridflex/gateway
  readOnly: true
{{- if .Values.global.openadr.mtls.enabled }}
- name: openadr-tls
  mountPath: /etc/gridflex/openadr
  readOnly: true
{{- end }}
{{- end -}}

{{- define "gridflex.ven-gateway.volumes" -}}
- name: programs
  configMap:
    name: {{ include "gridflex.name" . }}-programs
{{- if .Values.global.openadr.mtls.enabled }}
- name: openadr-tls
  secret:
    secretName: {{ .Values.global.openadr.mtls.secretName }}
{{- end }}
{{- end -}}
