import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../apps/api/src/config/config.js';
import { DEPLOY } from './compose.js';

const K8S = path.join(DEPLOY, 'k8s');

/** The models (Kubernetes' own OpenAPI schemas, kept by kubernetes-models) of the kinds used. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'batch/v1 Job': Job,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
  'networking.k8s.io/v1 Ingress': Ingress,
};

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const manifests: (Manifest & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((doc) => ({
    ...(doc.toJS() as Manifest),
    file,
  })),
);
const find = (kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const container = (m: Manifest) => m.spec.template.spec.containers[0];

describe('Kubernetes manifests (deploy/k8s)', () => {
  it.each(manifests.map((m) => [`${m.file}: ${m.kind} ${m.metadata.name}`, m] as const))(
    '%s is valid against the Kubernetes API schema',
    (_, manifest) => {
      const Model = MODELS[`${manifest.apiVersion} ${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      const { file: _file, ...data } = manifest;
      expect(() => new Model!(data as never).validate()).not.toThrow();
    },
  );

  it('lists every manifest but the example secret in kustomization.yaml', () => {
    const kustomization = parseAllDocuments(
      readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8'),
    )[0]!.toJS() as { resources: string[] };
    expect(kustomization.resources.sort()).toEqual(
      files.filter((f) => f !== 'secret.example.yaml').sort(),
    );
  });

  it('checks the backend ready and alive on /api/health, and the web app on its own', () => {
    const backend = container(find('Deployment', 'citizen-backend'));
    for (const probe of [backend.readinessProbe, backend.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/api/health', port: 'http' });
    }
    expect(backend.ports).toEqual([{ name: 'http', containerPort: 3000 }]);
    const frontend = container(find('Deployment', 'citizen-frontend'));
    expect(frontend.readinessProbe.httpGet.path).toBe('/_app/version.json');
    expect(frontend.env).toContainEqual({
      name: 'API_INTERNAL_URL',
      value: 'http://citizen-backend:3000',
    });
  });

  it('runs the migrations as a Job of the backend image, once', () => {
    const job = find('Job', 'citizen-migrate');
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(container(job).image).toBe(container(find('Deployment', 'citizen-backend')).image);
    expect(container(job).command).toEqual(['node', 'apps/api/dist/cli.js', 'migrate']);
  });

  it('selects the pods of each Deployment with its Service, and routes /api to the backend', () => {
    for (const name of ['citizen-backend', 'citizen-frontend']) {
      const deployment = find('Deployment', name);
      expect(find('Service', name).spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(deployment.spec.template.metadata.labels).toMatchObject(
        deployment.spec.selector.matchLabels,
      );
    }
    const paths = find('Ingress', 'citizen').spec.rules[0].http.paths;
    expect(paths.map((p: Manifest) => [p.path, p.backend.service.name])).toEqual([
      ['/api', 'citizen-backend'],
      ['/', 'citizen-frontend'],
    ]);
  });

  it('runs every container as a non-root user on a read-only root', () => {
    for (const m of manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job')) {
      expect(m.spec.template.spec.securityContext.runAsNonRoot, m.metadata.name).toBe(true);
      expect(container(m).securityContext.readOnlyRootFilesystem, m.metadata.name).toBe(true);
    }
  });

  it('holds settings the backend accepts, photos on S3, secrets only in the Secret', () => {
    const settings = find('ConfigMap', 'citizen-config').data as Record<string, string>;
    const secrets = find('Secret', 'citizen-secrets').stringData as Record<string, string>;
    const config = loadConfig({ ...settings, ...secrets, SERVE_WEB: 'false' });
    expect(config.media.kind).toBe('s3');
    expect(config.database.kind).toBe('postgres');
    for (const name of ['DATABASE_URL', 'S3_SECRET_ACCESS_KEY', 'SMTP_URL'])
      expect(settings[name], name).toBeUndefined();
  });
});
