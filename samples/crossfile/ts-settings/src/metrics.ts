import settings from './settings.json';

export const METRICS_HOST: string = process.env.METRICS_HOST ?? settings.metrics.host;
export const METRICS_PORT = settings.metrics.port;
