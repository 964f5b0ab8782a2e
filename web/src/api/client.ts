/**
 * The one way the console talks to the server: JSON in, JSON out, problem+json errors turned into
 * ApiError, the CSRF token sent on every unsafe request, and a 401 reported once to the session.
 */
export interface Problem {
  title: string;
  detail?: string;
  status: number;
  code?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly code: string | undefined;
  readonly errors: { path: string; message: string }[];

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
  }
}

const CSRF_KEY = 'casebook.csrf';
let csrfToken: string | null = readStored();
let onUnauthorized: (error: ApiError) => void = () => {};

function readStored(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(CSRF_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Kept in memory and in sessionStorage (per tab), because GET /me does not return it after a reload. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_KEY, token);
    else sessionStorage.removeItem(CSRF_KEY);
  } catch {
    // Storage can be disabled; the token then lives for this page only.
  }
}

const EXPIRY_KEY = 'casebook.expiresAt';

/** When the session cookie ends (from the login answer), so the console can say so on time. */
export function setSessionExpiry(expiresAt: string | null): void {
  try {
    if (expiresAt) sessionStorage.setItem(EXPIRY_KEY, expiresAt);
    else sessionStorage.removeItem(EXPIRY_KEY);
  } catch {
    // Without storage the next request's 401 still ends the session.
  }
}

export function sessionExpiry(): number | null {
  try {
    const value = sessionStorage.getItem(EXPIRY_KEY);
    const at = value ? Date.parse(value) : Number.NaN;
    return Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}

export function whenUnauthorized(handler: (error: ApiError) => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  ifMatch?: number;
  signal?: AbortSignal;
  /** Do not report a 401 as an ended session (speculative requests made before anyone logged in). */
  quiet?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({
      status: 0,
      title: 'The server cannot be reached',
      detail: 'Check your connection; your work on this page is kept.',
      code: 'network.unreachable',
    });
  }
  if (!response.ok) {
    const error = new ApiError(await readProblem(response));
    if (error.status === 401 && !options.quiet && !path.startsWith('/auth/') && path !== '/me')
      onUnauthorized(error);
    throw error;
  }
  const text = response.status === 204 ? '' : await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, etag: response.headers.get('etag') };
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return {
      status: response.status,
      title: body.title ?? response.statusText ?? 'Request failed',
      ...(body.detail ? { detail: body.detail } : {}),
      ...(body.code ? { code: body.code } : {}),
      ...(body.errors ? { errors: body.errors } : {}),
    };
  } catch {
    return { status: response.status, title: response.statusText || `Request failed (${response.status})` };
  }
}

export const get = async <T>(path: string, signal?: AbortSignal): Promise<T> =>
  (await request<T>(path, signal ? { signal } : {})).data;

export function isConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409;
}
