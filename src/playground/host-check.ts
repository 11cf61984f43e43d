// DNS rebinding and cross-site requests: a page on another site can make a browser send requests
// to 127.0.0.1, but its Host (after rebinding) or Origin names that site. Pure.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for a Host header naming the loopback interface, with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  return m !== null && LOOPBACK_HOSTS.has(m[1] as string);
}

/** True when a request carries no Origin (same-origin GET, curl) or a loopback one. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && isLoopbackHost(url.host);
  } catch {
    return false;
  }
}
