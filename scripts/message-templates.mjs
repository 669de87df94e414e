// The user-facing sentences of the server: every msg`...` template under src/, as the translation
// catalogue keys it ("Only {0} is still open."). Run it to list the templates a catalogue lacks:
//   node scripts/message-templates.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** Every msg template in the source tree, with the places it is written. */
export function messageTemplates(root = 'src') {
  const templates = new Map();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('msg`')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'msg') {
        const t = node.template;
        const key = ts.isNoSubstitutionTemplateLiteral(t) ? t.text : t.head.text + t.templateSpans.map((span, i) => `{${i}}${span.literal.text}`).join('');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        templates.set(key, [...(templates.get(key) ?? []), `${file}:${line}`]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return templates;
}

/**
 * Places where a client-facing error is built from a plain string literal instead of msg: the first
 * argument of `new GraphQLError(...)`. (fail, Forbidden and TokenError take a Message by type.)
 */
export function untaggedMessages(root = 'src') {
  const found = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('GraphQLError(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'GraphQLError') {
        const first = node.arguments?.[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isTemplateExpression(first))) {
          found.push(`${file}:${source.getLineAndCharacterOfPosition(first.getStart(source)).line + 1}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { zhCN } = await import('../dist/i18n/catalogue-zh-CN.js').catch(() => ({ zhCN: {} }));
  const templates = messageTemplates();
  const missing = [...templates].filter(([key]) => !(key in zhCN));
  for (const [key, places] of missing) console.log(`${JSON.stringify(key)}, // ${places[0]}`);
  console.log(`${templates.size - missing.length} of ${templates.size} templates have a zh-CN translation.`);
  process.exitCode = missing.length === 0 ? 0 : 1;
}
