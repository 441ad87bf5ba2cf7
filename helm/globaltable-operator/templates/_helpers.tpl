{{- define "gto.name" -}}globaltable-operator{{- end -}}
{{- define "gto.fullname" -}}{{ .Release.Name | trunc 40 | trimSuffix "-" }}-globaltable-operator{{- end -}}
{{- define "gto.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}{{ default (include "gto.fullname" .) .Values.serviceAccount.name }}{{- else -}}{{ required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}{{- end -}}
{{- end -}}
{{- define "gto.labels" -}}
app.kubernetes.io/name: {{ include "gto.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
