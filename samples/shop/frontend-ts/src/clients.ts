import Redis from 'ioredis';
import { get } from 'node:http';

export interface Product {
  id: string;
  name: string;
  priceUsd: number;
}

const catalogHost = process.env.PRODUCT_CATALOG_HOST ?? 'productcatalogservice';
const catalogPort = process.env.PRODUCT_CATALOG_PORT ?? '3550';
const cartAddr: string = process.env.CART_SERVICE_ADDR || 'cartservice:7070';

function getJson<T>(url: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    get(url, res => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(JSON.parse(body) as T));
    }).on('error', reject);
  });
}

export const catalog = {
  list: (): Promise<Product[]> =>
    getJson<Product[]>(`http://${catalogHost}:${catalogPort}/products`), // v6ready-expect: V6005
};

const [cartHost, cartPort] = cartAddr.split(':'); // v6ready-expect: V6006

export const cart = {
  async add(session: string, item: { productId: string; quantity: number }): Promise<void> {
    const url = new URL(`/carts/${encodeURIComponent(session)}`, `http://${cartHost}:${cartPort}`); // v6ready-expect: V6005
    await fetch(url, { method: 'POST', body: JSON.stringify(item) });
  },
};

export const sessions = new Redis({
  host: '10.12.0.7', // v6ready-expect: V6003
  port: 6379,
  family: 4, // v6ready-expect: V6007
  keyPrefix: 'session:',
});

// The cache is reached by name and brackets IPv6 literals: nothing to report.
const cacheHost = process.env.CACHE_HOST ?? 'redis-cart';
export const cache = new Redis({ host: cacheHost, port: 6379 });
export const cacheUrl = `redis://[${cacheHost}]:6379`;
