import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** File names that say nothing about the resource they serve. */
const GENERIC_FILES = new Set([
  'index',
  'app',
  'server',
  'main',
  'route',
  'routes',
  'router',
  'routers',
  'api',
  'handler',
  'handlers',
  'controller',
  'controllers',
]);
/** Path segments that are prefixes, not resources (`/api/v1/users`). */
const PREFIX_SEGMENT = /^(?:api|v\d+|rest|public|private|internal|admin)$/iu;
/** Folders that hold the routes' layer; the service folder goes beside the outermost one. */
const ROUTE_FOLDERS = new Set([
  'routes',
  'route',
  'routers',
  'router',
  'controllers',
  'controller',
  'api',
  'handlers',
  'app',
  'pages',
]);

/**
 * The resource a handler serves, singular and in kebab case (`order`): from the route file's name when it
 * names one (`routes/orders.ts`, `orders.controller.ts`, `ordersRouter.ts`), from its folder's when the
 * file is named after a method (`maintenances/get_all.ts`), else the first static segment of the route
 * path after prefixes such as `api` and `v1` (`/api/v1/orders/:id`), else `app`.
 */
export function getResourceName(routeFile: string, path: string | null): string {
  for (const name of [basename(routeFile), basename(dirname(routeFile))]) {
    const stem = name
      .replace(/\.[cm]?[jt]sx?$/u, '')
      .replace(/[.-]?(?:routes?|router|controller|handlers?|api)$/iu, '');
    if (stem && !isGeneric(stem)) return singular(kebab(stem));
    if (name === basename(routeFile) && !isVerbFile(stem)) break;
  }
  const segment = (path ?? '')
    .split('/')
    .find((part) => part !== '' && !PREFIX_SEGMENT.test(part) && /^[A-Za-z][\w-]*$/u.test(part));
  return segment ? singular(kebab(segment)) : 'app';
}

/**
 * The service module for `resource` (absolute path): the nearest `services/` folder of the routes' file or
 * of a folder above it (up to `root`), reusing a file there that is named after the resource
 * (`order.service.ts`, `orders.service.ts`, `orderService.ts`, `orders.ts`), else a new file named as the
 * folder's other services are (`<resource>.service.ts` or `<resource>Service.ts`). Without a `services/`
 * folder, a new one beside the outermost routes' folder (`routes/`, `controllers/`, `api/`, `app/`,
 * `pages/`, …), else beside the file.
 */
export function getServiceFile(root: string, routeFile: string, resource: string): string {
  const directory = findServicesFolder(root, routeFile) ?? join(newServicesParent(root, routeFile), 'services');
  const entries = existsSync(directory) ? readdirSync(directory).filter((name) => /\.[cm]?ts$/u.test(name)) : [];
  const key = (name: string): string =>
    singular(
      kebab(
        name
          .replace(/\.[cm]?ts$/u, '')
          .replace(/[.-]?service$/iu, '')
          .replace(/Service$/u, ''),
      ),
    );
  const existing = entries.find((name) => !name.endsWith('.d.ts') && key(name) === resource);
  if (existing) return join(directory, existing);
  const camel = resource.replace(/-(\w)/gu, (_, letter: string) => letter.toUpperCase());
  const named =
    entries.some((name) => /Service\.ts$/u.test(name)) && !entries.some((name) => name.endsWith('.service.ts'))
      ? `${camel}Service.ts`
      : `${resource}.service.ts`;
  return join(directory, named);
}

/** File names that name a method or an action, not a resource (`get.ts`, `get_all.ts`, `create.ts`). */
const VERB_FILE = /^(?:get|get[-_]?all|list|post|put|patch|delete|del|create|update|remove|show|read)$/iu;

function isVerbFile(stem: string): boolean {
  return VERB_FILE.test(stem);
}

function isGeneric(stem: string): boolean {
  return GENERIC_FILES.has(stem.toLowerCase()) || stem.startsWith('[') || isVerbFile(stem) || stem.startsWith('(');
}

function findServicesFolder(root: string, routeFile: string): string | null {
  for (let directory = dirname(routeFile); ; directory = dirname(directory)) {
    const candidate = join(directory, 'services');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (directory === root || relative(root, directory).startsWith('..') || dirname(directory) === directory)
      return null;
  }
}

function newServicesParent(root: string, routeFile: string): string {
  const parts = relative(root, dirname(routeFile)).split(sep).filter(Boolean);
  const outermost = parts.findIndex((part) => ROUTE_FOLDERS.has(part.toLowerCase()));
  return outermost === -1 ? dirname(routeFile) : join(root, ...parts.slice(0, outermost));
}

/**
 * The service function's name for a route: a verb from the method (`list` for a `GET` of a collection,
 * `get` for one item, `create`, `update`, `delete`) and the path's last static segment or `resource`
 * (`GET /orders/:id` → `getOrder`, `GET /orders` → `listOrders`, `POST /orders` → `createOrder`).
 */
export function getFunctionName(method: string, path: string | null, resource: string): string {
  const segments = (path ?? '').split('/').filter(Boolean);
  const isParam = (part: string | undefined): boolean => part !== undefined && /^[:[{*]/u.test(part);
  const statics = segments.filter((part) => !isParam(part) && !PREFIX_SEGMENT.test(part) && /^[A-Za-z]/u.test(part));
  const noun = pascal(singular(kebab(statics.at(-1) ?? resource)));
  const item = isParam(segments.at(-1));
  switch (method.toLowerCase()) {
    case 'get':
      return item ? `get${noun}` : `list${plural(noun)}`;
    case 'post':
      return `create${noun}`;
    case 'put':
    case 'patch':
      return `update${noun}`;
    case 'delete':
      return `delete${noun}`;
    default:
      return `handle${noun}`;
  }
}

function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/gu, '$1-$2')
    .replace(/[^A-Za-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '')
    .toLowerCase();
}

function pascal(text: string): string {
  return text
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function singular(word: string): string {
  if (/ies$/u.test(word)) return word.slice(0, -3) + 'y';
  if (/(?:ss|us|is)$/u.test(word)) return word;
  if (/(?:sh|ch|x)es$/u.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function plural(word: string): string {
  if (/[^aeiou]y$/u.test(word)) return word.slice(0, -1) + 'ies';
  if (/(?:s|sh|ch|x)$/u.test(word)) return word + 'es';
  return word + 's';
}
