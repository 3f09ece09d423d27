import { describe, expect, it } from 'vitest';

import { describeMiddleware, modelOf, routesOf } from './route-model-harness.js';

describe('nestjs route model', () => {
  it('reads controller prefix, method decorators, guards and parameter DTOs', () => {
    const code = `
import { Body, Controller, Get, Param, ParseIntPipe, Post, UseGuards, UsePipes, HttpCode } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';

@Controller('users')
@UseGuards(JwtAuthGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  findAll() { return this.users.findAll(); }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  findOne(@Param('id', ParseIntPipe) id: number) { return this.users.findOne(id); }

  @Post()
  @HttpCode(201)
  @UseGuards(RolesGuard)
  @UsePipes(new ValidationPipe())
  create(@Body() dto: CreateUserDto) { return this.users.create(dto); }

  helper() {}
}
`;
    const model = modelOf(code);
    const summary = model.routes.map((route) => ({
      methods: route.methods,
      path: route.path,
      fullPath: route.fullPath,
      handler: route.handler?.loc.start.line,
      middleware: describeMiddleware(route.middleware),
      params: route.params.map((param) => [param.source, param.key, param.typeName]),
      decorators: route.decorators,
    }));
    expect(summary).toEqual([
      {
        methods: ['GET'],
        path: '',
        fullPath: '/users',
        handler: 11,
        middleware: ['guard JwtAuthGuard@'],
        params: [],
        decorators: ['Get'],
      },
      {
        methods: ['GET'],
        path: ':id',
        fullPath: '/users/:id',
        handler: 15,
        middleware: ['guard JwtAuthGuard@'],
        params: [['Param', 'id', null]],
        decorators: ['Get', 'ApiOkResponse'],
      },
      {
        methods: ['POST'],
        path: '',
        fullPath: '/users',
        handler: 21,
        middleware: ['guard JwtAuthGuard@', 'guard RolesGuard@', 'pipe ValidationPipe@'],
        params: [['Body', null, 'CreateUserDto']],
        decorators: ['Post', 'HttpCode', 'UseGuards', 'UsePipes'],
      },
    ]);
    expect(model.apps.map((app) => [app.kind, app.name, app.prefix])).toEqual([
      ['controller', 'UsersController', 'users'],
    ]);
  });

  it('reads the path option, namespace import, @All and array paths', () => {
    const code = `
import * as common from '@nestjs/common';
@common.Controller({ path: 'v2/orders', version: '2' })
export class OrdersController {
  @common.All('*') proxy() {}
  @common.Delete([':id', 'remove/:id']) remove() {}
}
`;
    expect(routesOf(code).map((route) => [route.methods, route.path, route.fullPath])).toEqual([
      [['ALL'], '*', '/v2/orders/*'],
      [['DELETE'], null, null],
    ]);
  });

  it('aliased imports and require forms', () => {
    const aliased = `
import { Controller as Ctl, Get as HttpGet } from '@nestjs/common';
@Ctl('health')
export class HealthController { @HttpGet() check() { return { ok: true }; } }
`;
    expect(routesOf(aliased).map((route) => [route.methods, route.fullPath])).toEqual([[['GET'], '/health']]);
    const required = `
const { Controller, Post } = require('@nestjs/common');
const nest = require('@nestjs/common');
@Controller('a')
class A { @Post('b') b() {} @nest.Get('c') c() {} }
`;
    expect(routesOf(required, { sourceType: 'commonjs' }).map((route) => [route.methods, route.fullPath])).toEqual([
      [['POST'], '/a/b'],
      [['GET'], '/a/c'],
    ]);
  });

  it('ignores decorators that do not come from @nestjs/common', () => {
    const code = `
import { Controller, Get } from './my-decorators';
@Controller('x')
export class NotNest { @Get('y') y() {} }
`;
    expect(routesOf(code)).toEqual([]);
  });

  it('reads NestFactory.create apps: global prefix and global middleware', () => {
    const code = `
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  app.use(helmet());
  app.useGlobalGuards(new ThrottlerGuard());
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.listen(3000);
}
bootstrap();
`;
    const app = modelOf(code).apps[0]!;
    expect([app.kind, app.name, app.globalPrefix]).toEqual(['app', 'app', 'api']);
    expect(describeMiddleware(app.middleware)).toEqual([
      'middleware helmet@',
      'guard ThrottlerGuard@',
      'filter AllExceptionsFilter@',
    ]);
  });
});
