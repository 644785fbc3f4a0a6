import { describe, expect, it } from 'vitest';
import { applySetCookies, hasSessionCookie, needsRefresh } from './cookies';

describe('session cookies', () => {
  it('tells a session from none, and when only the refresh cookie is left', () => {
    expect(hasSessionCookie('theme=dark; citizen_refresh=abc')).toBe(true);
    expect(hasSessionCookie('theme=dark')).toBe(false);
    expect(hasSessionCookie(null)).toBe(false);
    expect(needsRefresh('citizen_refresh=abc')).toBe(true);
    expect(needsRefresh('__Host-citizen_refresh=abc')).toBe(true);
    expect(needsRefresh('citizen_access=x; citizen_refresh=abc')).toBe(false);
  });

  it('applies Set-Cookie headers to a Cookie header', () => {
    expect(
      applySetCookies('theme=dark; citizen_refresh=old', [
        'citizen_access=new-access; Max-Age=900; Path=/; HttpOnly; SameSite=Lax',
        'citizen_refresh=new-refresh; Max-Age=2592000; Path=/; HttpOnly',
      ]),
    ).toBe('theme=dark; citizen_refresh=new-refresh; citizen_access=new-access');
    expect(applySetCookies('a=1; citizen_refresh=x', ['citizen_refresh=; Max-Age=0; Path=/'])).toBe(
      'a=1',
    );
  });
});
