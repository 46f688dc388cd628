{{/*
Names and labels shared by every template. Components (operator, router, envoy) each get
"<fullname>-<component>" names and an app.kubernetes.io/component label; add a router-*.yaml using
include "gearbox.componentName" (dict "root" . "component" "router") and the same label helpers.
*/}}

{{- define "gearbox.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "gearbox.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* "<fullname>-<component>"; call with (dict "root" . "component" "operator"). */}}
{{- define "gearbox.componentName" -}}
{{- printf "%s-%s" (include "gearbox.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object; call with (dict "root" . "component" "operator"). */}}
{{- define "gearbox.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "gearbox.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: gearbox
{{- end -}}

{{/* Labels a component's pods are selected by; never change them (Deployment selectors are immutable). */}}
{{- define "gearbox.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gearbox.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* A component's ServiceAccount from its serviceAccount values; call with (dict "root" . "component" "router"). */}}
{{- define "gearbox.serviceAccountName" -}}
{{- $sa := (index .root.Values .component).serviceAccount -}}
{{- if $sa.create -}}
{{- default (include "gearbox.componentName" .) $sa.name -}}
{{- else -}}
{{- default "default" $sa.name -}}
{{- end -}}
{{- end -}}

{{- define "gearbox.operator.serviceAccountName" -}}
{{- include "gearbox.serviceAccountName" (dict "root" . "component" "operator") -}}
{{- end -}}

{{/* "repository:tag", the tag defaulting to the chart's appVersion; call with (dict "root" . "image" .Values.router.image). */}}
{{- define "gearbox.image" -}}
{{- printf "%s:%s" .image.repository (.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/*
Pull secrets, priority and scheduling of a pod, from a component's values (router, envoy); include it under the pod
spec with nindent.
*/}}
{{- define "gearbox.podPlacement" -}}
{{- with .imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Leader election is forced on with more than one operator replica: two writers must never race. */}}
{{- define "gearbox.operator.leaderElection" -}}
{{- if or .Values.operator.leaderElection.enabled (gt (int .Values.operator.replicas) 1) -}}true{{- else -}}false{{- end -}}
{{- end -}}
