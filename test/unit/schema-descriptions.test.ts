import 'reflect-metadata';
import { type GraphQLNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../src/schema/index.js';

const schema = buildAppSchema();
const named = Object.values(schema.getTypeMap()).filter((t): t is GraphQLNamedType => !t.name.startsWith('__') && !isSpecifiedScalarType(t));

/** Schema coordinates without a description, by kind. */
function undocumented() {
  const missing = { types: [] as string[], arguments: [] as string[], enumValues: [] as string[], fields: [] as string[], inputFields: [] as string[] };
  for (const type of named) {
    if (!type.description) missing.types.push(type.name);
    if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.enumValues.push(`${type.name}.${v.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const f of Object.values(type.getFields())) {
        if (!f.description) missing.fields.push(`${type.name}.${f.name}`);
        for (const a of f.args) if (!a.description) missing.arguments.push(`${type.name}.${f.name}(${a.name}:)`);
      }
    }
    if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) if (!f.description) missing.inputFields.push(`${type.name}.${f.name}`);
  }
  return missing;
}

describe('the documented schema', () => {
  const missing = undocumented();

  it('describes every type, every argument and every enum value', () => {
    expect({ types: missing.types, arguments: missing.arguments, enumValues: missing.enumValues }).toEqual({ types: [], arguments: [], enumValues: [] });
  });

  it('describes every field and every input field', () => {
    expect({ fields: missing.fields, inputFields: missing.inputFields }).toEqual({ fields: [], inputFields: [] });
  });
});
