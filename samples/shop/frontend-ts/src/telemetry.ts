// Where the browser sends traces: the collector's host comes from the environment (string | undefined under strict).
// The V6005 fix brackets an IPv6 host; its output must still type-check (RegExp.test takes a string).
const { OTEL_COLLECTOR_HOST, PUBLIC_TRACES_ENDPOINT } = process.env;

export function tracesEndpoint(synthetic: boolean): string | undefined {
  return synthetic
    ? `http://${OTEL_COLLECTOR_HOST}:4318/v1/traces` // v6ready-expect: V6005
    : PUBLIC_TRACES_ENDPOINT;
}
