import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { hostPathOf, type Service } from './compose.js';

/** envsubst as the nginx image runs it: only the variables of the environment are replaced. */
export function envsubst(text: string, env: Record<string, string>): string {
  return text.replace(/\$(?:\{(\w+)\}|(\w+))/g, (match, braced?: string, bare?: string) => {
    const name = (braced ?? bare)!;
    return name in env ? env[name]! : match;
  });
}

/** The upper-case variables a template uses (the ones the proxy's environment must define). */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)\}?/g)].map((m) => m[1]!))];
}

const IMAGE_CONF = '/etc/nginx';

/**
 * The proxy's paths inside the container (STATIC_ROOT, CACHE_DIR) moved under `rootfs`, which
 * stands for the container's /; the cache folder is created writable, as the image has it.
 */
export function underRootfs(service: Service, rootfs: string) {
  const env = service.environment!;
  const paths = {
    STATIC_ROOT: path.join(rootfs, env.STATIC_ROOT!),
    CACHE_DIR: path.join(rootfs, env.CACHE_DIR!),
  };
  mkdirSync(paths.CACHE_DIR, { recursive: true });
  for (let dir = paths.CACHE_DIR; dir.startsWith(rootfs); dir = path.dirname(dir))
    chmodSync(dir, 0o777);
  return paths;
}

/**
 * Lays out in `dir` what the proxy container of `service` would run: its mounted folders, the
 * templates of NGINX_ENVSUBST_TEMPLATE_DIR rendered into conf.d with the service's environment
 * plus `overrides` (loopback addresses, scratch paths), and an nginx.conf standing for the
 * image's own (main context, logs, temp paths in `dir`; conf.d included inside http).
 */
export function prepareNginx(service: Service, overrides: Record<string, string>, dir: string) {
  const env = { ...service.environment, ...overrides };
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':') as [string, string];
    if (target.startsWith(`${IMAGE_CONF}/`)) {
      const link = path.join(dir, path.relative(IMAGE_CONF, target));
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(source, link);
    }
  }
  const templateDir = env.NGINX_ENVSUBST_TEMPLATE_DIR ?? `${IMAGE_CONF}/templates`;
  const hostTemplates = path.join(
    hostPathOf(service, `${IMAGE_CONF}/templates`),
    path.relative(`${IMAGE_CONF}/templates`, templateDir),
  );
  mkdirSync(path.join(dir, 'conf.d'), { recursive: true });
  for (const name of readdirSync(hostTemplates).filter((n) => n.endsWith('.template'))) {
    const text = readFileSync(path.join(hostTemplates, name), 'utf8');
    writeFileSync(path.join(dir, 'conf.d', name.replace(/\.template$/, '')), envsubst(text, env));
  }
  copyFileSync('/etc/nginx/mime.types', path.join(dir, 'mime.types'));
  const temp = path.join(dir, 'temp');
  mkdirSync(temp, { recursive: true, mode: 0o777 });
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
    include mime.types;
    default_type application/octet-stream;
    access_log ${dir}/access.log;
    sendfile on;
    client_body_temp_path ${temp}/client;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
    include conf.d/*.conf;
}
`,
  );
  return { conf, args: ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')] };
}

/** `nginx -t`: returns its report, throws with it when the configuration is refused. */
export function nginxTest(args: string[]): string {
  const { status, stderr } = spawnSync('nginx', ['-t', ...args], { encoding: 'utf8' });
  if (status !== 0) throw new Error(`nginx -t failed:\n${stderr}`);
  return stderr;
}
