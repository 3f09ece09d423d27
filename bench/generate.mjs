// Writes a deterministic, realistic service of N source files for the benchmark: per feature an
// Express router (thin handlers with zod validation), a service and a Prisma repository, plus every
// fifth feature as a Fastify plugin with JSON-schema routes, and an app.ts that mounts them all; one
// service in 25 reads a file synchronously on a request path, for the project checker to find. Same N,
// same bytes. The service type-checks (`tsc --noEmit` reports nothing): its dependencies resolve from
// this repository's node_modules (express through @types/express, fastify, helmet, zod, @types/node,
// all devDependencies), linked in as the service's own node_modules, and the Prisma client is a
// declaration file shaped like the one `prisma generate` writes (generating it needs Prisma's engines).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dependencies = fileURLToPath(new URL('../node_modules', import.meta.url));

/**
 * Generates the service under `dir` (emptied first) with about `files` source files (`.d.ts` files
 * not counted). Returns the number of source files written.
 */
export function generateService(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['src/routes', 'src/services', 'src/repositories', 'src/lib', 'src/types'])
    mkdirSync(join(dir, sub), { recursive: true });
  symlinkSync(dependencies, join(dir, 'node_modules'), 'dir');
  const features = Math.max(1, Math.floor((files - 4) / 3));
  const names = Array.from({ length: features }, (_, index) => `feature${String(index).padStart(4, '0')}`);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: `bench-service-${files}`,
        private: true,
        type: 'module',
        dependencies: {
          '@prisma/client': '^6.0.0',
          express: '^5.0.0',
          fastify: '^5.0.0',
          helmet: '^8.0.0',
          zod: '^4.0.0',
        },
        devDependencies: { '@types/express': '^5.0.0', '@types/node': '^20.0.0', typescript: '^6.0.0' },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'src/db.ts'),
    "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n",
  );
  const models = names.map((name) => ({ name, Model: name.charAt(0).toUpperCase() + name.slice(1) }));
  writeFileSync(
    join(dir, 'src/types/prisma-client.d.ts'),
    `// The shape of the client \`prisma generate\` writes, one delegate per model.
declare module '@prisma/client' {
  export interface FindManyArgs<Row> { where?: Partial<Row>; take?: number; skip?: number; orderBy?: { [K in keyof Row]?: 'asc' | 'desc' } }
  export interface ModelDelegate<Row, Create> {
    findMany(args?: FindManyArgs<Row>): Promise<Row[]>;
    findUnique(args: { where: { id: string } }): Promise<Row | null>;
    create(args: { data: Create }): Promise<Row>;
    update(args: { where: { id: string }; data: Partial<Create> }): Promise<Row>;
    delete(args: { where: { id: string } }): Promise<Row>;
  }
${models.map(({ Model }) => `  export interface ${Model} { id: string; title: string; ownerId: string; createdAt: Date }`).join('\n')}
  export class PrismaClient {
    constructor(options?: { log?: Array<'query' | 'info' | 'warn' | 'error'> });
    $connect(): Promise<void>;
    $disconnect(): Promise<void>;
${models.map(({ name, Model }) => `    ${name}: ModelDelegate<${Model}, { title: string; ownerId: string }>;`).join('\n')}
  }
}
`,
  );
  writeFileSync(
    join(dir, 'src/types/auth.d.ts'),
    `// What the authentication middleware attaches to every request.
import 'fastify';

export interface AuthUser { id: string; roles: string[] }

declare global {
  namespace Express {
    interface Request { user: AuthUser }
  }
}

declare module 'fastify' {
  interface FastifyRequest { user: AuthUser }
}
`,
  );
  writeFileSync(
    join(dir, 'src/lib/http-error.ts'),
    'export class HttpError extends Error {\n  constructor(readonly status: number, message: string) {\n    super(message);\n  }\n}\n',
  );
  names.forEach((name, index) => {
    const { Model } = models[index];
    // One service in 25 reads a file synchronously on a request path (blocking-call-reachable).
    const blocking = index % 25 === 12;
    writeFileSync(
      join(dir, `src/repositories/${name}.repository.ts`),
      `import { prisma } from '../db.js';

export interface ${Model}Row { id: string; title: string; ownerId: string; createdAt: Date }

export async function findMany(ownerId: string, take: number): Promise<${Model}Row[]> {
  return prisma.${name}.findMany({ where: { ownerId }, take, orderBy: { createdAt: 'desc' } });
}

export async function findById(id: string): Promise<${Model}Row | null> {
  return prisma.${name}.findUnique({ where: { id } });
}

export async function create(ownerId: string, title: string): Promise<${Model}Row> {
  return prisma.${name}.create({ data: { ownerId, title } });
}
`,
    );
    writeFileSync(
      join(dir, `src/services/${name}.service.ts`),
      `${blocking ? "import { readFileSync } from 'node:fs';\n" : ''}import { HttpError } from '../lib/http-error.js';
import * as repository from '../repositories/${name}.repository.js';

export interface ${Model}Dto { id: string; title: string; createdAt: string }

function toDto(row: repository.${Model}Row): ${Model}Dto {
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString() };
}

export async function list(ownerId: string, limit: number): Promise<${Model}Dto[]> {
  const rows = await repository.findMany(ownerId, Math.min(limit, 100));
  return rows.map(toDto);
}

export async function get(ownerId: string, id: string): Promise<${Model}Dto> {
  const row = await repository.findById(id);
  if (!row || row.ownerId !== ownerId) throw new HttpError(404, '${Model} not found');
  return ${blocking ? 'withNotice(toDto(row))' : 'toDto(row)'};
}
${
  blocking
    ? `
// The kind of thing an audit finds: a file read synchronously on every request.
function withNotice(dto: ${Model}Dto): ${Model}Dto {
  const notice = readFileSync(new URL('../../notice.txt', import.meta.url), 'utf8');
  return { ...dto, title: \`\${dto.title} \${notice.trim()}\` };
}
`
    : ''
}
export async function create(ownerId: string, title: string): Promise<${Model}Dto> {
  if (title.trim() === '') throw new HttpError(400, 'title must not be empty');
  return toDto(await repository.create(ownerId, title.trim()));
}
`,
    );
    const route =
      index % 5 === 4
        ? `import type { FastifyPluginAsync } from 'fastify';
import * as service from '../services/${name}.service.js';

const ListQuery = { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } } as const;
const IdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;
const ${Model}Input = { type: 'object', required: ['title'], properties: { title: { type: 'string', minLength: 1, maxLength: 200 } } } as const;
const ${Model}Schema = { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, createdAt: { type: 'string' } } } as const;
const ${Model}List = { type: 'array', items: ${Model}Schema } as const;

const ${name}Routes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { limit: number } }>('/', { schema: { querystring: ListQuery, response: { 200: ${Model}List } } }, async (request) => service.list(request.user.id, request.query.limit));
  app.get<{ Params: { id: string } }>('/:id', { schema: { params: IdParams, response: { 200: ${Model}Schema } } }, async (request) => service.get(request.user.id, request.params.id));
  app.post<{ Body: { title: string } }>('/', { schema: { body: ${Model}Input, response: { 201: ${Model}Schema } } }, async (request, reply) => reply.code(201).send(await service.create(request.user.id, request.body.title)));
};

export default ${name}Routes;
`
        : `import { Router } from 'express';
import { z } from 'zod';
import * as service from '../services/${name}.service.js';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const CreateBody = z.object({ title: z.string().min(1).max(200) });

export const ${name}Router = Router();

${name}Router.get('/', async (req, res, next) => {
  try {
    const { limit } = ListQuery.parse(req.query);
    res.json(await service.list(req.user.id, limit));
  } catch (error) {
    next(error);
  }
});

${name}Router.get('/:id', async (req, res, next) => {
  try {
    res.json(await service.get(req.user.id, req.params.id));
  } catch (error) {
    next(error);
  }
});

${name}Router.post('/', async (req, res, next) => {
  try {
    const { title } = CreateBody.parse(req.body);
    res.status(201).json(await service.create(req.user.id, title));
  } catch (error) {
    next(error);
  }
});
`;
    writeFileSync(join(dir, `src/routes/${name}.ts`), route);
  });
  const express = names.filter((_, index) => index % 5 !== 4);
  writeFileSync(
    join(dir, 'src/app.ts'),
    `import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { HttpError } from './lib/http-error.js';
${express.map((name) => `import { ${name}Router } from './routes/${name}.js';`).join('\n')}

export const app = express();
app.use(helmet());
app.use(express.json());
app.get('/health', (req, res) => { res.json({ status: 'ok' }); });
${express.map((name) => `app.use('/v1/${name}', ${name}Router);`).join('\n')}
app.use((err: HttpError, req: Request, res: Response, next: NextFunction) => { res.status(err.status ?? 500).json({ error: 'Request failed' }); });
`,
  );
  return 4 + features * 3;
}
