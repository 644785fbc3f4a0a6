import type { Config } from '../config/config.js';

/** Checks the token a captcha widget gave the browser. */
export interface CaptchaVerifier {
  verify(token: string | undefined, remoteIp: string): Promise<boolean>;
}

const SITEVERIFY: Record<string, string> = {
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
};

/** No captcha configured: every registration passes. */
export const noCaptcha: CaptchaVerifier = { verify: async () => true };

/**
 * hCaptcha and Cloudflare Turnstile share one protocol: POST secret, response and remoteip as a
 * form to the provider's siteverify URL, which answers `{"success": true|false, ...}`.
 */
export function siteverifyCaptcha(
  secret: string,
  url: string,
  fetchImpl: typeof fetch = fetch,
): CaptchaVerifier {
  return {
    async verify(token, remoteIp) {
      if (!token) return false;
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ secret, response: token, remoteip: remoteIp }).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`captcha siteverify answered ${response.status}`);
      const result = (await response.json()) as { success?: unknown };
      return result.success === true;
    },
  };
}

export function createCaptchaVerifier(config: Config): CaptchaVerifier {
  const captcha = config.accounts.captcha;
  if (!captcha) return noCaptcha;
  return siteverifyCaptcha(captcha.secret, SITEVERIFY[captcha.provider]!);
}
