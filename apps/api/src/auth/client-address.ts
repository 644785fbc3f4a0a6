/**
 * Fastify's trustProxy option from the TRUST_PROXY setting: which peers may say, through
 * X-Forwarded-For, who the client is. Rate limits and the audit log use that client address, so
 * trusting everyone would let any client pick the address it is counted under.
 * A number of hops becomes the function Fastify's types ask for.
 */
export function trustProxyOption(
  value: boolean | number | string,
): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value;
  return (_address, hop) => hop < value;
}
