import * as grpc from '@grpc/grpc-js';
import * as http from 'node:http';
import settings from './settings.json';
import { METRICS_HOST, METRICS_PORT } from './metrics';

const server = new grpc.Server();
server.bindAsync(settings.grpc.bind, grpc.ServerCredentials.createInsecure(), () => {}); // v6ready-expect: V6001

const metrics = http.createServer((req, res) => res.end('# metrics'));
metrics.listen(METRICS_PORT, METRICS_HOST); // v6ready-expect: V6002
