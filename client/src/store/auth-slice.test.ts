import { describe, expect, it } from 'vitest';
import { chatStore, MemoryAuthApi } from '../chat/test-support.ts';

describe('signing in', () => {
  it("shows the server's message for a wrong password and keeps the session as it was", async () => {
    const store = chatStore();
    await expect(store.getState().login({ username: 'alice', password: 'wrong password' })).resolves.toBe(
      false,
    );
    expect(store.getState()).toMatchObject({
      user: null,
      authStatus: 'signed-out',
      authError: 'Wrong username or password',
      sessionVersion: 0,
    });
  });

  it('signs in and marks the session as changed, so the socket reconnects', async () => {
    const store = chatStore();
    await expect(store.getState().login({ username: ' alice ', password: 'correct horse' })).resolves.toBe(
      true,
    );
    expect(store.getState()).toMatchObject({
      user: { username: 'alice' },
      authStatus: 'signed-in',
      authError: null,
      sessionVersion: 1,
    });
  });

  it('checks a new account against the server rules before sending it', async () => {
    const auth = new MemoryAuthApi();
    const store = chatStore(undefined, auth);
    await expect(store.getState().register({ username: 'al', password: 'long enough' })).resolves.toBe(false);
    expect(store.getState().authError).toMatch(/^Username must be 3–32 characters/);
    await expect(store.getState().register({ username: 'bob', password: 'short' })).resolves.toBe(false);
    expect(store.getState().authError).toBe('Password must be at least 8 characters');
    expect(auth.signedIn).toBeNull();

    await expect(store.getState().register({ username: 'bob', password: 'long enough' })).resolves.toBe(true);
    expect(store.getState().user?.username).toBe('bob');
  });

  it('logs out and marks the session as changed', async () => {
    const store = chatStore();
    await store.getState().login({ username: 'alice', password: 'correct horse' });
    await store.getState().logout();
    expect(store.getState()).toMatchObject({ user: null, authStatus: 'signed-out', sessionVersion: 2 });
  });
});

describe('loading the session', () => {
  it('finds an open session, and treats none as signed out without an error', async () => {
    const auth = new MemoryAuthApi();
    const visitor = chatStore(undefined, auth);
    await visitor.getState().loadMe();
    expect(visitor.getState()).toMatchObject({ user: null, authStatus: 'signed-out', authError: null });

    auth.signedIn = { id: 'u1', username: 'alice' };
    const returning = chatStore(undefined, auth);
    await returning.getState().loadMe();
    expect(returning.getState()).toMatchObject({ user: { username: 'alice' }, authStatus: 'signed-in' });
    // Loading what the cookie already said is not a change of session.
    expect(returning.getState().sessionVersion).toBe(0);
  });
});
