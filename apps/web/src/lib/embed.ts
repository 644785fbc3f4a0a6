/**
 * What a page leaves out to live in another site's iframe: `?embed=1` leaves out everything,
 * `?hide=header,footer,auth,banner` the parts named.
 */
export interface EmbedOptions {
  header: boolean;
  footer: boolean;
  auth: boolean;
  banner: boolean;
}

const PARTS = ['header', 'footer', 'auth', 'banner'] as const;

/** Which parts are hidden; `embedded` when any is, and links then open the full site. */
export function readEmbed(params: URLSearchParams): { hidden: EmbedOptions; embedded: boolean } {
  const all = params.get('embed') === '1';
  const named = new Set((params.get('hide') ?? '').split(',').map((part) => part.trim()));
  const hidden = Object.fromEntries(
    PARTS.map((part) => [part, all || named.has(part)]),
  ) as unknown as EmbedOptions;
  return { hidden, embedded: PARTS.some((part) => hidden[part]) };
}
