import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { hashPassword } from '../../commands/access/secrets.ts';
import { insertAgent } from '../../db/repositories/principals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await insertAgent(t.db.db, {
    kind: 'person',
    name: 'Lena Lead',
    email: 'lena@example.com',
    role: 'lead',
    teamId: null,
    siteId: null,
    timeZone: 'Europe/Berlin',
    passwordHash: await hashPassword('correct horse battery'),
  });
});
afterAll(() => t.close());

function login(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
}

describe('sessions', () => {
  it('logs in with email and password, sets an HttpOnly cookie and returns abilities', async () => {
    const res = await login('LENA@example.com', 'correct horse battery');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(res.json()).toMatchObject({
      agent: { name: 'Lena Lead', role: 'lead' },
      abilities: { 'customer.merge': true, 'customer.unmerge': false },
    });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { cb_session: cookie!.value },
    });
    expect(me.json().agent.name).toBe('Lena Lead');
  });

  it('refuses a wrong password or unknown email with the same 401', async () => {
    for (const [email, password] of [
      ['lena@example.com', 'wrong'],
      ['nobody@example.com', 'x'],
    ]) {
      const res = await login(email!, password!);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.login_failed');
    }
  });

  it('requires the CSRF token on writes made with the cookie', async () => {
    const res = await login('lena@example.com', 'correct horse battery');
    const cookie = res.cookies.find((c) => c.name === 'cb_session')!.value;
    const body = { displayName: 'Via Cookie', identities: { email: 'cookie@example.com' } };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      cookies: { cb_session: cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('auth.csrf_failed');
    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      cookies: { cb_session: cookie },
      headers: { 'x-csrf-token': res.json().csrfToken },
      payload: body,
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('ends the session on logout', async () => {
    const res = await login('lena@example.com', 'correct horse battery');
    const cookie = res.cookies.find((c) => c.name === 'cb_session')!.value;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { cb_session: cookie },
      headers: { 'x-csrf-token': res.json().csrfToken },
    });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { cb_session: cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('auth.session_expired');
  });

  it('rejects a malformed Authorization header with 401', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Token abc' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('public routes', () => {
  it('serves health, readiness, OpenAPI and the API reference without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.json().paths['/api/v1/inbound']).toBeDefined();
    expect(spec.json().paths['/api/v1/cases/{id}'].patch).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('answers unknown API routes with a problem+json 404', async () => {
    const res = await t.call('agent', { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('echoes a caller-provided request id and includes it in problems', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.json().requestId).toBe('trace-123');
  });
});
