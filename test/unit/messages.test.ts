import { describe, expect, it } from 'vitest';
import { messageTemplates, untaggedMessages } from '../../scripts/message-templates.mjs';
import { zhCN, zhCNTerms } from '../../src/i18n/catalogue-zh-CN.js';
import { languageOf, languageOfConnection } from '../../src/i18n/language.js';
import { msg } from '../../src/i18n/message.js';
import { createTranslator, translateMessage } from '../../src/i18n/translate.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

describe('the Simplified Chinese catalogue', () => {
  const templates = messageTemplates('src');

  it('holds every msg template of the server, with the same placeholders', () => {
    expect(templates.size).toBeGreaterThan(200);
    const missing = [...templates.keys()].filter((key) => zhCN[key] === undefined);
    expect(missing).toEqual([]);
    const mismatched = Object.entries(zhCN).filter(([en, zh]) => placeholders(en).join() !== placeholders(zh).join());
    expect(mismatched).toEqual([]);
  });

  it('finds no GraphQL error worded with a plain string, which would escape the catalogue', () => {
    expect(untaggedMessages('src')).toEqual([]);
  });

  it('translates every template of the server into Chinese, rendered with sample values', () => {
    for (const key of templates.keys()) {
      const english = key.replace(/\{(\d+)\}/g, (_, n: string) => `V${n}`);
      const chinese = translateMessage(english, 'zh-CN');
      expect(chinese, key).not.toBe(english);
      expect(chinese, key).toMatch(/[\u4e00-\u9fff]/);
      for (const n of placeholders(key)) expect(chinese, key).toContain(`V${n}`);
    }
  });
});

describe('translateMessage', () => {
  it('keeps English for English and for sentences it does not know', () => {
    expect(translateMessage('No order with this id.', 'en')).toBe('No order with this id.');
    expect(translateMessage('Something nobody catalogued.', 'zh-CN')).toBe('Something nobody catalogued.');
  });

  it('translates whole sentences, keeping codes and numbers and translating labels', () => {
    expect(translateMessage(msg`No order with this id.`, 'zh-CN')).toBe('没有此 id 的订单。');
    expect(translateMessage(msg`Only ${'12.5'} is still open on this line.`, 'zh-CN')).toBe('此订单行仅剩 12.5 未交。');
    expect(translateMessage(msg`${'Supplier name'} is required.`, 'zh-CN')).toBe('供应商名称为必填项。');
    expect(translateMessage(msg`A ${'SHIPPED'} order cannot be ${'cancelled'}.`, 'zh-CN')).toBe('SHIPPED 状态的订单不能取消。');
    expect(translateMessage(msg`Receiving more than ordered: only ${'3'} is still open on line ${2}.`, 'zh-CN')).toBe('收货数量超过订购数量：第 2 行仅剩 3 未交。');
  });

  it('translates sentences nested in sentences', () => {
    const charge = msg`This operation costs ${900} points and the budget has ${12} left`;
    expect(translateMessage(msg`${charge}; it refills at ${50} points a second. Try again in ${18} s.`, 'zh-CN')).toBe('此操作花费 900 点，而预算只剩 12 点；预算每秒恢复 50 点。请在 18 秒后重试。');
    expect(translateMessage('Variable "$input" got invalid value "x" at "input.lines"; Expected type "OrderLineInput" to be an object.', 'zh-CN')).toBe(
      '变量 "$input" 的值 "x" 在 "input.lines" 处无效：类型 "OrderLineInput" 应为对象。',
    );
  });

  it('picks the most specific template when several match', () => {
    const translate = createTranslator({ '{0} is required.': '{0}为必填项。', 'Reason is required.': '请说明原因。' }, { Note: '备注' });
    expect(translate('Reason is required.')).toBe('请说明原因。');
    expect(translate('Note is required.')).toBe('备注为必填项。');
    expect(translate('Other is required.')).toBe('Other为必填项。');
  });

  it('writes every placeholder term in Chinese', () => {
    expect(Object.values(zhCNTerms).every((zh) => /[\u4e00-\u9fff]/.test(zh))).toBe(true);
  });
});

describe('languageOf', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['de-DE, zh;q=0.5', 'zh-CN'],
    ['zh-TW', 'en'],
    ['zh-Hant-HK, en;q=0.5', 'en'],
    ['fr, *;q=0.1', 'en'],
    ['zh;q=0, en', 'en'],
    ['!!!garbage', 'en'],
  ])('%s reads %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });

  it('reads a socket from its connectionParams, in any case, before the upgrade header', () => {
    expect(languageOfConnection({ 'Accept-Language': 'zh-CN' }, 'en')).toBe('zh-CN');
    expect(languageOfConnection({ 'accept-language': 'en' }, 'zh-CN')).toBe('en');
    expect(languageOfConnection({ authorization: 'Bearer x' }, 'zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(languageOfConnection(undefined, undefined)).toBe('en');
  });
});
