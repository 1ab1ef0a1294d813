'use strict';

// Payment service: a gRPC server plus a small HTTP health endpoint.
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const http = require('node:http');
const path = require('path');
const { charge } = require('./charge');
const metrics = require('./metrics');

const PORT = process.env.PORT || 50051;
const HEALTH_PORT = Number(process.env.HEALTH_PORT || 8081);

const packageDefinition = protoLoader.loadSync(path.join(__dirname, 'proto', 'payment.proto'), {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const shop = grpc.loadPackageDefinition(packageDefinition).shop;

function chargeHandler(call, callback) {
  try {
    const result = charge(call.request);
    metrics.increment('payment.charge.ok');
    callback(null, result);
  } catch (err) {
    metrics.increment('payment.charge.error');
    callback(err);
  }
}

function main() {
  const server = new grpc.Server();
  server.addService(shop.PaymentService.service, { charge: chargeHandler });
  server.bindAsync(
    `0.0.0.0:${PORT}`, // v6ready-expect: V6001
    grpc.ServerCredentials.createInsecure(),
    (err, port) => {
      if (err) {
        console.error('bind failed', err);
        process.exit(1);
      }
      console.log(`payment service listening on port ${port}`);
    },
  );

  // The health endpoint is fine: listen() without a host binds '::' (both families).
  const health = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  health.listen(HEALTH_PORT);
}

main();
