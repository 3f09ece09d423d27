import { describe, expect, it } from 'vitest';

import { routesOf } from './route-model-harness.js';

describe('next.js route model', () => {
  it('app router: exported method functions, consts and re-exported locals', () => {
    const code = `
import { NextResponse } from 'next/server';
export async function GET(request: Request) { return NextResponse.json([]); }
export const POST = async (request: Request) => Response.json({}, { status: 201 });
async function remove() { return new Response(null, { status: 204 }); }
export { remove as DELETE };
export const dynamic = 'force-dynamic';
export function helper() {}
`;
    expect(routesOf(code, { filename: 'src/app/(shop)/orders/[id]/route.ts' })).toEqual([
      {
        framework: 'nextjs',
        methods: ['GET'],
        path: '/orders/[id]',
        fullPath: '/orders/[id]',
        handler: '3:7',
        middleware: [],
      },
      {
        framework: 'nextjs',
        methods: ['POST'],
        path: '/orders/[id]',
        fullPath: '/orders/[id]',
        handler: '4:20',
        middleware: [],
      },
      {
        framework: 'nextjs',
        methods: ['DELETE'],
        path: '/orders/[id]',
        fullPath: '/orders/[id]',
        handler: '5:0',
        middleware: [],
      },
    ]);
  });

  it('app router at the root and with a parallel-route slot', () => {
    expect(
      routesOf(`export function GET() { return Response.json({}); }`, { filename: 'app/route.js' }).map((r) => r.path),
    ).toEqual(['/']);
    expect(
      routesOf(`export function GET() { return Response.json({}); }`, { filename: 'app/@modal/api/x/route.ts' }).map(
        (r) => r.path,
      ),
    ).toEqual(['/api/x']);
  });

  it('pages/api: the default export, index files and wrappers', () => {
    expect(
      routesOf(`export default function handler(req, res) { res.status(200).json({}); }`, {
        filename: 'pages/api/users/index.ts',
      }),
    ).toEqual([
      {
        framework: 'nextjs',
        methods: ['ALL'],
        path: '/api/users',
        fullPath: '/api/users',
        handler: '1:15',
        middleware: [],
      },
    ]);
    expect(
      routesOf(`async function handler(req, res) {}\nexport default withAuth(handler);`, {
        filename: 'src/pages/api/users/[id].ts',
      }),
    ).toEqual([
      {
        framework: 'nextjs',
        methods: ['ALL'],
        path: '/api/users/[id]',
        fullPath: '/api/users/[id]',
        handler: '1:0',
        middleware: ['withAuth'],
      },
    ]);
  });

  it('other files are not routes: components, non-api pages, underscore files, route.ts outside app/', () => {
    const handler = `export async function GET() { return Response.json({}); }\nexport default function Page() { return null; }`;
    expect(routesOf(handler, { filename: 'app/orders/page.tsx' })).toEqual([]);
    expect(routesOf(handler, { filename: 'pages/orders.tsx' })).toEqual([]);
    expect(routesOf(handler, { filename: 'pages/api/_utils.ts' })).toEqual([]);
    expect(routesOf(handler, { filename: 'src/lib/route.ts' })).toEqual([]);
  });
});
