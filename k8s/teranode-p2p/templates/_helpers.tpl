{{- /* Shared pieces of the templates. Each takes (dict "app" $app "root" $). */ -}}

{{- /* The labels of everything rendered for one app. */ -}}
{{- define "teranode-p2p.labels" -}}
{{ include "teranode-p2p.selector" . }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
{{- end }}

{{- /* The labels that select one app's pods. */ -}}
{{- define "teranode-p2p.selector" -}}
app.kubernetes.io/name: {{ .app.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- /*
HTTPS when the app serves it (servesHttps) and its securityLevelHTTP is 1: its own settings
first, then the shared ones, as envFrom reads them.
*/ -}}
{{- define "teranode-p2p.httpScheme" -}}
{{- $level := .root.Values.settings.securityLevelHTTP -}}
{{- if hasKey (.app.settings | default dict) "securityLevelHTTP" }}{{ $level = .app.settings.securityLevelHTTP }}{{ end -}}
{{- if and .app.servesHttps (eq (toString $level) "1") }}HTTPS{{ else }}HTTP{{ end -}}
{{- end }}
