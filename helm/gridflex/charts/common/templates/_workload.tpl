{{/*
A central service: Deployment, Service, PodDisruptionBudget, NetworkPolicy, ServiceMonitor and ServiceAccount.
Each service chart defines gridflex.<chart>.principal (its Kafka principal), .database and .oidc ("true" when it
uses them), .env, .javaOpts, .podAnnotations (a YAML map, e.g. checksums of its own ConfigMaps), .volumeMounts,
.volumes, .ports (container ports besides http) and .networkPolicyIngress (NetworkPolicy ingress rules besides the
HTTP port's): its own additions, possibly empty.
*/}}
{{- define "gridflex.service" -}}
{{- $principal := include (printf "gridflex.%s.principal" .Chart.Name) . -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "gridflex.name" . }}
  labels:
    {{- include "gridflex.labels" . | nindent 4 }}
# The services call no Kubernetes API.
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "gridflex.name" . }}
  labels:
    {{- include "gridflex.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "gridflex.selectorLabels" . | nindent 6 }}
  strategy:
    {{- if .Values.singleInstance }}
    # Never two at once, not even during an update: the old pod stops before the new one starts.
    type: Recreate
    {{- else }}
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
    {{- end }}
  template:
    metadata:
      labels:
        {{- include "gridflex.selectorLabels" . | nindent 8 }}
        app.kubernetes.io/part-of: gridflex
      {{- $ownAnnotations := include (printf "gridflex.%s.podAnnotations" .Chart.Name) . | fromYaml }}
      {{- with mustMergeOverwrite (dict) (.Values.podAnnotations | default dict) $ownAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "gridflex.name" . }}
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ .Values.global.securityContext.runAsUser }}
        runAsGroup: {{ .Values.global.securityContext.runAsUser }}
        fsGroup: {{ .Values.global.securityContext.runAsUser }}
        seccompProfile:
          type: RuntimeDefault
      {{- with .Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # Spread the replicas so that losing one node leaves the service up.
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "gridflex.selectorLabels" . | nindent 14 }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ include "gridflex.name" . }}
          image: {{ include "gridflex.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            {{- include (printf "gridflex.%s.ports" .Chart.Name) . | nindent 12 }}
          env:
            - name: QUARKUS_HTTP_PORT
              value: "8080"
            - name: KAFKA_BOOTSTRAP_SERVERS
              value: {{ include "gridflex.kafkaBootstrap" . | quote }}
            - name: GRIDFLEX_KAFKA_USERNAME
              value: {{ $principal | quote }}
            - name: GRIDFLEX_KAFKA_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ include "gridflex.kafkaUserSecret" (list . $principal) }}
                  key: password
            - name: GRIDFLEX_KAFKA_TRUSTSTORE
              value: /etc/gridflex/kafka/ca.pem
            {{- if (include (printf "gridflex.%s.database" .Chart.Name) . | eq "true") }}
            - name: QUARKUS_DATASOURCE_JDBC_URL
              value: {{ include "gridflex.jdbcUrl" . | quote }}
            - name: QUARKUS_DATASOURCE_USERNAME
              valueFrom:
                secretKeyRef:
                  name: {{ include "gridflex.postgresSecret" . }}
                  key: username
            - name: QUARKUS_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ include "gridflex.postgresSecret" . }}
                  key: password
            {{- end }}
            {{- if (include (printf "gridflex.%s.oidc" .Chart.Name) . | eq "true") }}
            - name: QUARKUS_OIDC_AUTH_SERVER_URL
              value: {{ include "gridflex.oidcUrl" . | quote }}
            {{- end }}
            {{- if .Values.ingress.enabled }}
            # Behind the ingress controller: links and OIDC redirects use the public host and scheme it forwards.
            - name: QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING
              value: "true"
            - name: QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED
              value: "true"
            - name: QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST
              value: "true"
            {{- end }}
            {{- include (printf "gridflex.%s.env" .Chart.Name) . | nindent 12 }}
            # After the service's own variables: Kubernetes expands $(NAME) only from variables defined before.
            - name: JDK_JAVA_OPTIONS
              value: {{ (printf "%s %s" .Values.javaOpts (include (printf "gridflex.%s.javaOpts" .Chart.Name) .)) | trim | quote }}
            {{- with .Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 5
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            # Quarkus and Vert.x write their caches under /tmp; the root file system stays read-only.
            - name: tmp
              mountPath: /tmp
            - name: kafka-ca
              mountPath: /etc/gridflex/kafka
              readOnly: true
            {{- include (printf "gridflex.%s.volumeMounts" .Chart.Name) . | nindent 12 }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        - name: kafka-ca
          secret:
            secretName: {{ include "gridflex.kafkaCaSecret" . }}
            items:
              - key: {{ .Values.global.kafka.caSecret.key }}
                path: ca.pem
        {{- include (printf "gridflex.%s.volumes" .Chart.Name) . | nindent 8 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "gridflex.name" . }}
  labels:
    {{- include "gridflex.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "gridflex.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
{{- if .Values.ingress.enabled }}
---
# The service's API (and for settlement the billing pages) from outside the cluster, through your ingress
# controller; allow its namespace in networkPolicy.ingressFrom.
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "gridflex.name" . }}
  labels:
    {{- include "gridflex.labels" . | nindent 4 }}
  {{- with .Values.ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .Values.ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with .Values.ingress.tlsSecret }}
  tls:
    - hosts:
        - {{ $.Values.ingress.host }}
      secretName: {{ . }}
  {{- end }}
  rules:
    - host: {{ required "ingress.host is required when the ingress is enabled" .Values.ingress.host }}
      http:
        paths:
          {{- range .Values.ingress.paths }}
          - path: {{ . }}
            pathType: Prefix
            backend:
              service:
                name: {{ include "gridflex.name" $ }}
                port:
                  name: http
          {{- end }}
{{- end }}
{{- if .Values.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "gridflex.name" . }}
  labels:
    {{- include "gridflex.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "gridflex.selectorLabels" . | nindent 6 }}
{{- end }}
{{- if .Values.global.networkPolicy.enabled }}
---
# Ingress only to the HTTP port, from the namespaces and pods allowed to call the service and from Prometheus, and to
# the ports the service itself names (the ven-gateway's push listener); egress only to DNS, Kafka and PostgreSQL (on
# the ports their addresses name), Keycloak and what the service itself names.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "gridflex.name" . }}
  labels:
    {{- include "gridflex.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "gridflex.selectorLabels" . | nindent 6 }}
  policyTypes: ["Ingress", "Egress"]
  ingress:
    - ports:
        - port: 8080
          protocol: TCP
      from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: gridflex
        {{- with .Values.global.networkPolicy.ingressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with .Values.networkPolicy.ingressFrom }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- include (printf "gridflex.%s.networkPolicyIngress" .Chart.Name) . | nindent 4 }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - ports:
        {{- include "gridflex.kafkaPorts" . | nindent 8 }}
      {{- if .Values.global.kafka.bootstrapServers }}
      to: {{ toYaml .Values.global.networkPolicy.kafkaTo | nindent 8 }}
      {{- else }}
      to:
        - podSelector:
            matchLabels:
              strimzi.io/cluster: {{ .Values.global.kafka.cluster }}
      {{- end }}
    {{- if (include (printf "gridflex.%s.database" .Chart.Name) . | eq "true") }}
    - ports:
        {{- include "gridflex.postgresPorts" . | nindent 8 }}
      {{- if .Values.global.postgres.jdbcUrl }}
      to: {{ toYaml .Values.global.networkPolicy.postgresTo | nindent 8 }}
      {{- else }}
      to:
        - podSelector:
            matchLabels:
              cnpg.io/cluster: {{ .Values.global.postgres.cluster }}
      {{- end }}
    {{- end }}
    {{- if (include (printf "gridflex.%s.oidc" .Chart.Name) . | eq "true") }}
    - ports:
        - port: 8080
          protocol: TCP
        - port: 8443
          protocol: TCP
        - port: 443
          protocol: TCP
      {{- if .Values.global.oidc.authServerUrl }}
      to: {{ toYaml .Values.global.networkPolicy.oidcTo | nindent 8 }}
      {{- else }}
      to:
        - podSelector:
            matchLabels:
              app: keycloak
      {{- end }}
    {{- end }}
    {{- with .Values.networkPolicy.egress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end }}
{{- if .Values.global.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "gridflex.name" . }}
  labels:
    {{- include "gridflex.labels" . | nindent 4 }}
    {{- with .Values.global.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "gridflex.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /q/metrics
      interval: {{ .Values.global.serviceMonitor.interval }}
{{- end }}
{{- end -}}
