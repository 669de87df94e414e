import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer, wsRun } from './support/server.js';

let server: TestServer;
let buyer: string;
let viewer: string;
beforeAll(async () => {
  server = await startServer();
  buyer = await server.token('buyer');
  viewer = await server.token('viewer');
});
afterAll(() => server.stop());

interface Answer {
  status: number;
  contentLanguage: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  body: any;
}

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, contentLanguage: response.headers.get('content-language'), body: await response.json() };
}

const createSupplier = `mutation Create($input: CreateSupplierInput!) {
  createSupplier(input: $input) { supplier { id code } errors { field code message } }
}`;

describe('messages in the language of Accept-Language', () => {
  it('words user errors in Simplified Chinese for zh-CN, with the same codes and fields, and writes nothing', async () => {
    const before = await post('{ suppliers(first: 0) { totalCount } }', {}, { authorization: `Bearer ${buyer}` });
    const chinese = await post(createSupplier, { input: { code: 'ZH-1', name: '   ' } }, { authorization: `Bearer ${buyer}`, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(chinese.body.data).toEqual({ createSupplier: { supplier: null, errors: [{ field: ['input', 'name'], code: 'INVALID', message: '供应商名称为必填项。' }] } });
    const english = await post(createSupplier, { input: { code: 'ZH-1', name: '   ' } }, { authorization: `Bearer ${buyer}` });
    expect(english.body.data.createSupplier.errors).toEqual([{ field: ['input', 'name'], code: 'INVALID', message: 'Supplier name is required.' }]);
    const after = await post('{ suppliers(first: 0) { totalCount } }', {}, { authorization: `Bearer ${buyer}` });
    expect(after.body.data.suppliers.totalCount).toBe(before.body.data.suppliers.totalCount);
  });

  it('words a duplicate with the value the client sent', async () => {
    const input = { code: 'ZH-DUP', name: 'Dup Co' };
    const first = await post(createSupplier, { input }, { authorization: `Bearer ${buyer}` });
    expect(first.body.data.createSupplier.errors).toEqual([]);
    const again = await post(createSupplier, { input }, { authorization: `Bearer ${buyer}`, 'accept-language': 'zh' });
    expect(again.body.data.createSupplier.errors).toEqual([{ field: ['input', 'code'], code: 'DUPLICATE', message: '代码为 ZH-DUP 的供应商已存在。' }]);
  });

  it('words GraphQL errors in Chinese and says so in Content-Language; English stays the default', async () => {
    const forbidden = await post(createSupplier, { input: { code: 'ZH-2', name: 'X' } }, { authorization: `Bearer ${viewer}`, 'accept-language': 'zh-CN' });
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(forbidden.body.errors[0].message).toBe('此操作需要以下角色之一：ADMIN, BUYER。');
    expect(forbidden.contentLanguage).toBe('zh-CN');

    const invalid = await post('{ suppliers(first: 0) { nope } }', {}, { authorization: `Bearer ${viewer}`, 'accept-language': 'zh-CN' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.body.errors[0].message).toMatch(/^类型 "SupplierConnection" 上没有字段 "nope"。/);

    const variables = await post(createSupplier, { input: { code: 'ZH-3' } }, { authorization: `Bearer ${buyer}`, 'accept-language': 'zh-CN' });
    expect(variables.body.errors[0]).toMatchObject({ message: '变量 "$input" 的值 { code: "ZH-3" } 无效：未提供必需类型为 "String!" 的字段 "name"。', extensions: { code: 'BAD_USER_INPUT' } });

    const pageTooLarge = await post('{ suppliers(first: 1000) { totalCount } }', {}, { authorization: `Bearer ${viewer}`, 'accept-language': 'zh-CN' });
    expect(pageTooLarge.body.errors[0]).toMatchObject({ message: 'first 必须在 0 到 100 之间；收到的是 1000。', extensions: { code: 'BAD_USER_INPUT' } });

    const english = await post(createSupplier, { input: { code: 'ZH-2', name: 'X' } }, { authorization: `Bearer ${viewer}`, 'accept-language': 'fr-FR, de;q=0.8' });
    expect(english.body.errors[0].message).toBe('This needs one of the roles ADMIN, BUYER.');
    expect(english.contentLanguage).toBeNull();
  });

  it('words refusals made before any GraphQL work', async () => {
    const anonymous = await post('{ viewer { name } }', {}, { 'accept-language': 'zh-CN' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0]).toEqual({ message: '请先登录：以 "Authorization: Bearer <token>" 发送访问令牌。', extensions: { code: 'UNAUTHENTICATED' } });
    expect(anonymous.contentLanguage).toBe('zh-CN');
    const badToken = await post('{ viewer { name } }', {}, { authorization: 'Bearer not-a-token', 'accept-language': 'zh-CN' });
    expect(badToken.status).toBe(401);
    expect(badToken.body.errors[0].message).toBe('访问令牌无效。');
    const notJson = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}`, 'accept-language': 'zh-CN' }, body: '{' });
    expect(await notJson.json()).toEqual({ errors: [{ message: '请求体不是有效的 JSON。', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('words WebSocket errors in the language of connectionParams', async () => {
    const chinese = server.wsClient(null, { connectionParams: { authorization: `Bearer ${viewer}`, 'Accept-Language': 'zh-CN' } });
    const refused = await wsRun(chinese, createSupplier, { input: { code: 'ZH-4', name: 'X' } });
    expect(refused.errors?.[0]).toMatchObject({ message: '此操作需要以下角色之一：ADMIN, BUYER。', extensions: { code: 'FORBIDDEN' } });
    const invalid = await wsRun(chinese, '{ suppliers(first: 0) { nope } }');
    expect(invalid.errors?.[0]?.message).toMatch(/^类型 "SupplierConnection" 上没有字段 "nope"。/);

    const buyerSocket = server.wsClient(null, { connectionParams: { authorization: `Bearer ${buyer}`, 'accept-language': 'zh-CN' } });
    const userError = await wsRun<{ createSupplier: { errors: unknown[] } }>(buyerSocket, createSupplier, { input: { code: 'ZH-5', name: '' } });
    expect(userError.data?.createSupplier.errors).toEqual([{ field: ['input', 'name'], code: 'INVALID', message: '供应商名称为必填项。' }]);

    const english = server.wsClient(viewer);
    expect((await wsRun(english, createSupplier, { input: { code: 'ZH-6', name: 'X' } })).errors?.[0]?.message).toBe('This needs one of the roles ADMIN, BUYER.');
  });
});
