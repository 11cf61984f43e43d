import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHost, isLoopbackOrigin } from '../../src/playground/host-check.ts';

describe('isLoopbackHost', () => {
  const table: [string | undefined, boolean][] = [
    ['127.0.0.1', true],
    ['127.0.0.1:8080', true],
    ['localhost:8080', true],
    ['LOCALHOST', true],
    ['[::1]:8080', true],
    ['[::1]', true],
    ['evil.example', false],
    ['evil.example:8080', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.nip.io:8080', false],
    ['192.168.1.10:8080', false],
    ['', false],
    [undefined, false],
  ];
  for (const [host, ok] of table) it(`${ok ? 'accepts' : 'refuses'} ${JSON.stringify(host)}`, () => assert.equal(isLoopbackHost(host), ok));
});

describe('isLoopbackOrigin', () => {
  const table: [string | undefined, boolean][] = [
    [undefined, true],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:8080', true],
    ['https://evil.example', false],
    ['http://evil.example:8080', false],
    ['null', false],
  ];
  for (const [origin, ok] of table) it(`${ok ? 'accepts' : 'refuses'} ${JSON.stringify(origin)}`, () => assert.equal(isLoopbackOrigin(origin), ok));
});
