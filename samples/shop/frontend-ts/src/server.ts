import express, { Request, Response, NextFunction } from 'express';
import * as http from 'node:http';
import { catalog, cart, sessions } from './clients';
import { startAdmin } from './admin';
import { formatPrice, clientAddress } from './util';

const PORT: number = Number(process.env.PORT ?? 8080);
const HOST = process.env.LISTEN_HOST || '0.0.0.0';

interface CartItem {
  productId: string;
  quantity: number;
}

type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void>;

const app = express();
app.use(express.json());

const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction): void => {
  fn(req, res, next).catch(next);
};

app.get('/', wrap(async (req, res) => {
  const products = await catalog.list();
  res.json(products.map(p => ({ ...p, price: formatPrice(p.priceUsd) })));
}));

app.post('/cart', wrap(async (req, res) => {
  const item = req.body as CartItem;
  const session = await sessions.get(clientAddress(req)!);
  await cart.add(session ?? 'anonymous', item);
  res.status(204).end();
}));

app.listen(PORT, HOST, () => { // v6ready-expect: V6001
  console.log(`frontend listening on ${HOST}:${PORT}`);
});

// A second, internal server built the other way: this one is dual-stack.
const internal = http.createServer(app);
internal.listen({ port: PORT + 1, host: '::' });

startAdmin();
