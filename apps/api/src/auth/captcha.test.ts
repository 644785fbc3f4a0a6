import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createCaptchaVerifier, noCaptcha, siteverifyCaptcha } from './captcha.js';

describe('captcha verification', () => {
  it('posts secret, token and address to siteverify and reads `success`', async () => {
    const calls: { url: string; body: string }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: String(init.body) });
      const body = new URLSearchParams(String(init.body));
      return new Response(JSON.stringify({ success: body.get('response') === 'good' }));
    }) as typeof fetch;
    const verifier = siteverifyCaptcha('s3cret', 'https://captcha.test/siteverify', fakeFetch);
    expect(await verifier.verify('good', '192.0.2.1')).toBe(true);
    expect(await verifier.verify('bad', '192.0.2.1')).toBe(false);
    expect(await verifier.verify(undefined, '192.0.2.1')).toBe(false);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({
      url: 'https://captcha.test/siteverify',
      body: 'secret=s3cret&response=good&remoteip=192.0.2.1',
    });
  });

  it('fails loudly when the provider answers with an error', async () => {
    const verifier = siteverifyCaptcha(
      's',
      'https://captcha.test/',
      (async () => new Response('down', { status: 502 })) as unknown as typeof fetch,
    );
    await expect(verifier.verify('x', '192.0.2.1')).rejects.toThrow(/502/);
  });

  it('is off unless a provider is configured', async () => {
    expect(createCaptchaVerifier(loadConfig({}, '/srv'))).toBe(noCaptcha);
    expect(await noCaptcha.verify(undefined, '192.0.2.1')).toBe(true);
    const config = loadConfig(
      { CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: 'site', CAPTCHA_SECRET: 'secret' },
      '/srv',
    );
    expect(createCaptchaVerifier(config)).not.toBe(noCaptcha);
  });
});
