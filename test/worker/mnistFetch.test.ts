import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMnistBytes } from '../../src/worker/mnistFetch.ts';

const STALL_MS = 300;
const BYTES = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 251);

/** A local server with one route per way a download can go. */
let server: Server;
let base = '';
const open: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/plain':
        response.end(BYTES);
        return;
      case '/gzip':
        response.end(gzipSync(BYTES));
        return;
      case '/missing':
        response.statusCode = 404;
        response.end();
        return;
      case '/silent':
        // Takes the request and never answers.
        open.push(response);
        return;
      case '/stalls': {
        // Headers and a first part, then nothing.
        open.push(response);
        response.writeHead(200, { 'content-length': String(BYTES.length) });
        response.write(BYTES.subarray(0, 1000));
        return;
      }
      case '/slow': {
        // Ten parts, each STALL_MS / 3 apart: longer in all than STALL_MS, but never silent for it.
        const parts = 10;
        const size = Math.ceil(BYTES.length / parts);
        let part = 0;
        const next = (): void => {
          response.write(BYTES.subarray(part * size, (part + 1) * size));
          part += 1;
          if (part < parts) setTimeout(next, STALL_MS / 3);
          else response.end();
        };
        next();
        return;
      }
      default:
        response.statusCode = 500;
        response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  open.forEach((response) => response.destroy());
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fetchMnistBytes', () => {
  it('returns the bytes as served, and gunzips a gzip file', async () => {
    expect(await fetchMnistBytes(`${base}/plain`, base, STALL_MS)).toEqual(BYTES);
    expect(await fetchMnistBytes(`${base}/gzip`, base, STALL_MS)).toEqual(BYTES);
  });

  it('keeps a slow download that keeps receiving, however long it takes in all', async () => {
    const started = performance.now();
    expect(await fetchMnistBytes(`${base}/slow`, base, STALL_MS)).toEqual(BYTES);
    expect(performance.now() - started).toBeGreaterThan(STALL_MS);
  });

  it('gives up, with the reason, on a server that never answers and on a download that stops halfway', async () => {
    await expect(fetchMnistBytes(`${base}/silent`, base, STALL_MS)).rejects.toThrow(`the download of ${base}/silent stalled: nothing arrived for 0.3 s`);
    await expect(fetchMnistBytes(`${base}/stalls`, base, STALL_MS)).rejects.toThrow(`the download of ${base}/stalls stalled`);
  });

  it('names an HTTP error and a network error as such', async () => {
    await expect(fetchMnistBytes(`${base}/missing`, base, STALL_MS)).rejects.toThrow(`HTTP 404 for ${base}/missing`);
    await expect(fetchMnistBytes('http://127.0.0.1:1/mnist.bin', base, STALL_MS)).rejects.toThrow(/^network error fetching http:\/\/127\.0\.0\.1:1\/mnist\.bin/);
  });
});
