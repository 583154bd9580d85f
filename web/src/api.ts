// The one client of the JSON API. Every request goes through `request`, so that credentials, a
// CSRF header and "401 → show the login screen, then retry" live in one place once accounts exist.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The server could not be reached: the change is kept and sent again later. */
export class NetworkError extends Error {
  constructor() {
    super('Nav savienojuma ar serveri.');
  }
}

export interface AuthHooks {
  /** Extra headers for writes, e.g. a CSRF token. */
  headers: () => Record<string, string>;
  /** Called on 401; resolves true once the user has logged in again, and the request is retried. */
  onUnauthorized: () => Promise<boolean>;
  /** Called on 403 to a write: resolves true if the CSRF token was stale and is now renewed (then retried). */
  onForbidden: () => Promise<boolean>;
}

let auth: AuthHooks = { headers: () => ({}), onUnauthorized: async () => false, onForbidden: async () => false };

export function configureAuth(hooks: Partial<AuthHooks>): void {
  auth = { ...auth, ...hooks };
}

export interface RequestOptions {
  /** A raw body (a file upload) instead of JSON. */
  raw?: Blob;
  contentType?: string;
}

export async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, auth.headers());
  let payload: BodyInit | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new NetworkError();
  }
  if (res.status === 401 && !retried && (await auth.onUnauthorized())) return request(method, url, body, options, true);
  if (res.status === 403 && !retried && method !== 'GET' && (await auth.onForbidden())) return request(method, url, body, options, true);
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json ?? {}) as { message?: string; field?: string };
    const message = err.message ?? (res.status >= 500 ? 'Servera kļūda. Mēģiniet vēlreiz.' : `Kļūda ${res.status}.`);
    throw new ApiError(res.status, message, err.field);
  }
  return json as T;
}

const prefetched = new Map<string, Promise<unknown>>();

/**
 * Starts a GET before it is needed (while the session is still being checked); the next
 * `api.get` of the same URL takes its answer, or asks again if it failed (e.g. not logged in).
 */
export function prefetch(url: string): void {
  const pending = request('GET', url, undefined, {}, true);
  pending.catch(() => undefined);
  prefetched.set(url, pending);
}

async function get<T>(url: string): Promise<T> {
  const early = prefetched.get(url);
  if (early !== undefined) {
    prefetched.delete(url);
    try {
      return (await early) as T;
    } catch {
      // asked again below, now with the login flow
    }
  }
  return request<T>('GET', url);
}

export const api = {
  get,
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  del: (url: string) => request<void>('DELETE', url),
  upload: <T>(url: string, file: Blob, contentType: string) => request<T>('POST', url, undefined, { raw: file, contentType }),
};

/** Whether a failed write is worth sending again unchanged (network gone, server busy). */
export function isRetryable(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiError && (err.status >= 500 || err.status === 408 || err.status === 429));
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
