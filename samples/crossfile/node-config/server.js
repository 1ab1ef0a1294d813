const express = require('express');
const config = require('./config');
const { admin } = require('./config');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(config.port, config.hostname); // v6ready-expect: V6001

// '::' accepts both families: not reported
const adminApp = express();
adminApp.listen(admin.port, admin.host);
