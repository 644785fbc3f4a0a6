import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  COMBINATIONS,
  composeConfig,
  DEPLOY,
  DUMMY_ENV,
  hostPathOf,
  startedServices,
  type Combination,
  type ComposeConfig,
} from './compose.js';
import { templateVariables } from './nginx.js';

/** Ports as docker-compose v1 prints them: `{published, target}`, or `ip:published:target/tcp`. */
const portsOf = (config: ComposeConfig, name: string) =>
  (config.services[name]!.ports ?? []).map((port) => {
    if (typeof port !== 'string')
      return { hostIp: port.host_ip, published: Number(port.published) };
    const parts = port.replace(/\/\w+$/, '').split(':');
    return { hostIp: parts.length === 3 ? parts[0] : undefined, published: Number(parts.at(-2)) };
  });
const published = (config: ComposeConfig, name: string) =>
  portsOf(config, name).map((p) => p.published);

describe.each(Object.keys(COMBINATIONS) as Combination[])('compose: %s', (combination) => {
  const files: readonly string[] = COMBINATIONS[combination];
  const config = composeConfig(files);
  const started = startedServices(config);
  const development = combination === 'development';
  const tls = files.includes('docker-compose.tls.yml');
  const staticWeb = files.includes('docker-compose.static.yml');
  const s3 = files.includes('docker-compose.s3.yml');

  it('starts the database, the API, the proxy, the SSR web app unless static, MinIO with S3', () => {
    const expected = [
      'db',
      'backend',
      'proxy',
      ...(staticWeb ? [] : ['frontend']),
      ...(s3 ? ['minio'] : []),
    ];
    expect(started.sort()).toEqual(expected.sort());
  });

  it.skipIf(development)('publishes a port only on the proxy', () => {
    for (const name of started.filter((n) => n !== 'proxy'))
      expect(published(config, name)).toEqual([]);
    expect(published(config, 'proxy')).toEqual(tls ? [80, 443] : [80]);
  });

  it('gives every service a healthcheck and a restart policy', () => {
    for (const name of started) {
      const service = config.services[name]!;
      expect(service.healthcheck?.test[0], name).toBe('CMD');
      expect(service.restart, name).toBe('unless-stopped');
    }
  });

  it('starts each service once what it depends on is healthy', () => {
    expect(Object.keys(config.services.backend!.depends_on ?? {}).sort()).toEqual(
      s3 ? ['db', 'minio'] : ['db'],
    );
    expect(Object.keys(config.services.proxy!.depends_on ?? {})).toEqual(['backend']);
    for (const name of started) {
      for (const [dependency, { condition }] of Object.entries(
        config.services[name]!.depends_on ?? {},
      )) {
        expect(started, `${name} depends on ${dependency}`).toContain(dependency);
        expect(condition, `${name} -> ${dependency}`).toBe('service_healthy');
      }
    }
  });

  it('keeps the database and the media in named volumes', () => {
    expect(Object.keys(config.volumes ?? {}).sort()).toEqual(
      s3 ? ['db-data', 'media', 'minio-data'] : ['db-data', 'media'],
    );
    expect(config.services.db!.volumes).toContain('db-data:/var/lib/postgresql/data:rw');
    expect(config.services.backend!.volumes).toContain('media:/data/media:rw');
  });

  it('hands the database password to the database and the API only', () => {
    for (const [name, service] of Object.entries(config.services)) {
      const holders = Object.entries(service.environment ?? {})
        .filter(([, value]) => value.includes(DUMMY_ENV.POSTGRES_PASSWORD))
        .map(([key]) => key);
      const expected = { db: ['POSTGRES_PASSWORD'], backend: ['DATABASE_URL'] }[name] ?? [];
      expect(holders, name).toEqual(expected);
    }
  });

  it.runIf(s3)(
    'keeps the photos in the MinIO bucket, its secret with MinIO and the API only',
    () => {
      expect(config.services.backend!.environment).toMatchObject({
        MEDIA_STORAGE: 's3',
        S3_ENDPOINT: 'http://minio:9000',
        S3_BUCKET: 'citizen-media',
        S3_FORCE_PATH_STYLE: 'true',
        S3_DELIVERY: 'api',
      });
      // `$$` is compose's escape of `$`: the container's shell reads the bucket from its environment.
      expect(config.services.minio!.entrypoint?.join(' ')).toMatch(
        /mkdir -p "\/data\/\$\$?S3_BUCKET" && exec minio server \/data/,
      );
      expect(config.services.minio!.environment!.S3_BUCKET).toBe('citizen-media');
      for (const [name, service] of Object.entries(config.services)) {
        const holders = Object.entries(service.environment ?? {})
          .filter(([, value]) => value === DUMMY_ENV.S3_SECRET_ACCESS_KEY)
          .map(([key]) => key);
        const expected = { minio: ['MINIO_ROOT_PASSWORD'], backend: ['S3_SECRET_ACCESS_KEY'] }[
          name
        ];
        expect(holders, name).toEqual(expected ?? []);
      }
    },
  );

  it("defines every variable of the proxy's nginx templates", () => {
    const proxy = config.services.proxy!;
    const env = proxy.environment!;
    const dir = path.join(
      hostPathOf(proxy, '/etc/nginx/templates'),
      path.relative('/etc/nginx/templates', env.NGINX_ENVSUBST_TEMPLATE_DIR!),
    );
    const template = readFileSync(path.join(dir, 'default.conf.template'), 'utf8');
    // NGINX_LOCAL_RESOLVERS comes from the image's entrypoint, when asked for.
    expect(env.NGINX_ENTRYPOINT_LOCAL_RESOLVERS).toBe('1');
    const defined = new Set([...Object.keys(env), 'NGINX_LOCAL_RESOLVERS']);
    expect(templateVariables(template).filter((v) => !defined.has(v))).toEqual([]);
    expect(env.WEB_MODE).toBe(staticWeb ? 'static' : 'ssr');
    expect(
      existsSync(path.join(hostPathOf(proxy, '/etc/nginx/citizen'), `web-${env.WEB_MODE}.conf`)),
    ).toBe(true);
    expect(path.basename(dir)).toBe(tls ? 'https' : 'http');
    if (tls) expect(hostPathOf(proxy, '/etc/nginx/certs')).toBe(path.join(DEPLOY, 'certs'));
  });

  it.runIf(staticWeb)('builds the proxy with the static web app', () => {
    expect(config.services.proxy!.build?.dockerfile).toBe('deploy/proxy-static.Dockerfile');
    expect(config.services.proxy!.image).not.toMatch(/^nginx/);
  });

  it.runIf(development)('opens the API, web app and database ports on this machine only', () => {
    for (const name of ['db', 'backend', 'frontend']) {
      const ports = portsOf(config, name);
      expect(ports.length, name).toBe(1);
      expect(ports[0]!.hostIp, name).toBe('127.0.0.1');
    }
  });

  it.runIf(development)(
    'runs the API and web app from the mounted sources with live reload',
    () => {
      for (const [name, app] of [
        ['backend', 'api'],
        ['frontend', 'web'],
      ] as const) {
        const service = config.services[name]!;
        expect(service.build?.target, name).toBe('build');
        expect(service.command?.join(' '), name).toContain(`npm run dev -w @citizen/${app}`);
        expect(service.volumes, name).toContain(
          `${path.resolve(DEPLOY, '..', 'apps', app, 'src')}:/app/apps/${app}/src:ro`,
        );
      }
      expect(config.services.backend!.environment).toMatchObject({
        LOG_LEVEL: 'debug',
        DEMO_DATA: 'true',
      });
    },
  );
});

describe('compose files', () => {
  const files = [...new Set(Object.values(COMBINATIONS).flat())];
  const raw = Object.fromEntries(files.map((f) => [f, readFileSync(path.join(DEPLOY, f), 'utf8')]));

  it('hold no secret: passwords come from deploy/.env, and are required', () => {
    for (const [file, text] of Object.entries(raw)) {
      const services = (
        parse(text) as { services: Record<string, { environment?: Record<string, string> }> }
      ).services;
      for (const [name, service] of Object.entries(services)) {
        for (const [key, value] of Object.entries(service.environment ?? {})) {
          const where = `${file} ${name}.${key}`;
          if (/PASSWORD|SECRET|TOKEN|_KEY$/.test(key))
            expect(value, where).toMatch(/^\$\{\w+:\?[^}]+\}$/);
          const credentials = /:\/\/[^:/@]+:([^@]+)@/.exec(value);
          if (credentials) expect(credentials[1], where).toMatch(/^\$\{\w+:\?[^}]+\}$/);
        }
      }
    }
  });

  it('refuse to start without the database password, the public address, or with S3 its keys', () => {
    for (const missing of ['POSTGRES_PASSWORD', 'PUBLIC_URL']) {
      const env = { ...DUMMY_ENV, [missing]: '' };
      expect(() => composeConfig(COMBINATIONS.production, env), missing).toThrow(
        new RegExp(`Set ${missing} in deploy/.env`),
      );
    }
    for (const missing of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      const env = { ...DUMMY_ENV, [missing]: '' };
      expect(() => composeConfig(COMBINATIONS.production, env), missing).not.toThrow();
      expect(() => composeConfig(COMBINATIONS['production with S3'], env), missing).toThrow(
        new RegExp(`Set ${missing} in deploy/.env`),
      );
    }
  });

  it('only read variables that .env.example documents', () => {
    const documented = new Set(
      [
        ...readFileSync(path.join(DEPLOY, '.env.example'), 'utf8').matchAll(
          /^#?\s*([A-Z][A-Z0-9_]*)=/gm,
        ),
      ].map((m) => m[1]),
    );
    for (const [file, text] of Object.entries(raw)) {
      for (const [, name] of text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g))
        expect(documented, `${file}: ${name}`).toContain(name);
    }
  });

  it('pull pinned images', () => {
    for (const text of Object.values(raw)) {
      for (const [, image] of text.matchAll(/^\s*image:\s*(\S+)/gm)) {
        if (image!.startsWith('citizen-')) continue; // built here
        expect(image).toMatch(/^[\w./-]+:[\w.-]+$/);
        expect(image).not.toMatch(/:latest$/);
      }
    }
  });
});
