const grpc = require('@grpc/grpc-js');

const PORT = process.env.PORT || '7000';
const server = new grpc.Server();
server.bindAsync(`0.0.0.0:${PORT}`, grpc.ServerCredentials.createInsecure(), () => {}); // v6ready-expect: V6001
