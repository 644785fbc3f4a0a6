import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMBINATIONS, composeConfig, DUMMY_ENV, type Combination } from './compose.js';
import { envsubst, nginxTest, prepareNginx, underRootfs } from './nginx.js';
import { selfSignedCertificate } from './tls.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'citizen-nginx-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const certs = selfSignedCertificate(path.join(scratch, 'certs'));

describe.each(Object.keys(COMBINATIONS) as Combination[])(
  'nginx configuration: %s',
  (combination) => {
    it('passes nginx -t as the proxy container renders it', () => {
      const env = { ...DUMMY_ENV, TLS_CERTS_DIR: certs };
      const proxy = composeConfig(COMBINATIONS[combination], env).services.proxy!;
      const dir = path.join(scratch, combination.replaceAll(' ', '-'));
      const overrides = {
        NGINX_LOCAL_RESOLVERS: '127.0.0.11',
        ...underRootfs(proxy, path.join(dir, 'rootfs')),
      };
      const { args } = prepareNginx(proxy, overrides, dir);
      expect(nginxTest(args)).toContain('test is successful');
    });
  },
);

describe('envsubst', () => {
  it("replaces the environment's variables only, as the nginx image does", () => {
    const text =
      'listen ${PORT}; set $backend $BACKEND; proxy_pass http://$backend$request_uri; ${UNSET}';
    expect(envsubst(text, { PORT: '8080', BACKEND: 'b:3000' })).toBe(
      'listen 8080; set $backend b:3000; proxy_pass http://$backend$request_uri; ${UNSET}',
    );
  });
});
