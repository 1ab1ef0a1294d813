// Settings of the orders service: defaults, overridden by the environment.
const defaults = {
  hostname: '0.0.0.0',
  port: 8080,
  admin: { host: '::', port: 9090 },
};

module.exports = Object.assign({}, defaults, {
  port: Number(process.env.PORT) || defaults.port,
});
