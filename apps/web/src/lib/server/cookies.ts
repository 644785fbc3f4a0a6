/** The API's session cookies, named `citizen_*`, or `__Host-citizen_*` behind https. */
const ACCESS = /^(__Host-)?citizen_access$/;
const REFRESH = /^(__Host-)?citizen_refresh$/;

function names(cookieHeader: string | null): string[] {
  if (!cookieHeader) return [];
  return cookieHeader.split(';').map((pair) => pair.split('=')[0]!.trim());
}

export const hasSessionCookie = (cookieHeader: string | null) =>
  names(cookieHeader).some((name) => ACCESS.test(name) || REFRESH.test(name));

/** Only the refresh cookie is left when the short-lived access cookie has expired. */
export const needsRefresh = (cookieHeader: string | null) => {
  const present = names(cookieHeader);
  return present.some((name) => REFRESH.test(name)) && !present.some((name) => ACCESS.test(name));
};

/** The cookie header the browser will send once it has applied these Set-Cookie headers. */
export function applySetCookies(cookieHeader: string | null, setCookies: string[]): string {
  const jar = new Map<string, string>();
  for (const pair of (cookieHeader ?? '').split(';')) {
    const index = pair.indexOf('=');
    if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
  }
  for (const setCookie of setCookies) {
    const [pair = '', ...attributes] = setCookie.split(';');
    const index = pair.indexOf('=');
    if (index <= 0) continue;
    const name = pair.slice(0, index).trim();
    const expired = attributes.some(
      (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
    );
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(index + 1).trim());
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
