import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The request handler of the SvelteKit adapter-node build (`build-node/handler.js`). */
export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export class WebBuildMissingError extends Error {}

/**
 * Loads the SSR web app. It fetches `/api/...` from `apiUrl` while rendering, so the API must
 * listen there by the time the first page is asked for. Its absolute links (canonical,
 * hreflang, sitemap) come from `publicUrl`, never from a request's Host header.
 */
export async function loadWebHandler(
  buildDir: string,
  apiUrl: string,
  publicUrl: string,
): Promise<WebHandler> {
  const entry = path.join(buildDir, 'handler.js');
  if (!existsSync(entry)) {
    throw new WebBuildMissingError(
      `WEB_BUILD_DIR: no web build at ${buildDir} (run "npm run build", or set SERVE_WEB=false)`,
    );
  }
  // SvelteKit reads its private environment once, when the handler module is first imported.
  process.env.API_INTERNAL_URL ??= apiUrl;
  // PUBLIC_URL may come from CONFIG_FILE or its default rather than the environment.
  process.env.PUBLIC_URL = publicUrl;
  const module = (await import(pathToFileURL(entry).href)) as { handler: WebHandler };
  return module.handler;
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
