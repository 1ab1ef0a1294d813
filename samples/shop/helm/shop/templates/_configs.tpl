{{/* Configs the chart renders into its ConfigMaps (read by content: HAProxy, redis). */}}
{{- define "shop.haproxy.cfg" -}}
global
  maxconn 2048
frontend cache
  # v6ready-expect: V6205
  bind *:{{ .Values.cacheProxy.port | default 6379 }}
  default_backend cache
frontend cache-dual
  bind :::6380 v4v6
  default_backend cache
backend cache
  server c1 cache:6379
{{- end -}}
{{- define "shop.redis.conf" }}
protected-mode no
# v6ready-expect: V6202
bind {{ .Values.cacheBind | default "0.0.0.0" }}
{{- end }}
