import 'reflect-metadata';
import { graphql } from 'graphql';
import { Authorized, buildSchemaSync, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { useDefaultResolversForPlainFields } from '../../src/schema/plain-fields.js';

// Decorators applied as calls: the test files are compiled without decorator syntax.
class PlainFieldsProbe {
  plain!: string;
  guarded!: string;
  original!: string;
  computed!: string;
}
Field(() => String)(PlainFieldsProbe.prototype, 'plain');
Authorized('ADMIN')(PlainFieldsProbe.prototype, 'guarded');
Field(() => String)(PlainFieldsProbe.prototype, 'guarded');
Field(() => String, { name: 'renamed' })(PlainFieldsProbe.prototype, 'original');
Field(() => String)(PlainFieldsProbe.prototype, 'computed');
ObjectType()(PlainFieldsProbe);

class PlainFieldsProbeResolver {
  probe(): PlainFieldsProbe {
    return Object.assign(new PlainFieldsProbe(), { plain: 'p', guarded: 'g', original: 'o', computed: 'stored' });
  }
  computed(probe: PlainFieldsProbe) {
    return `${probe.computed}+resolved`;
  }
}
const method = (name: keyof PlainFieldsProbeResolver) => Object.getOwnPropertyDescriptor(PlainFieldsProbeResolver.prototype, name)!;
Reflect.defineMetadata('design:paramtypes', [PlainFieldsProbe], PlainFieldsProbeResolver.prototype, 'computed');
Query(() => PlainFieldsProbe)(PlainFieldsProbeResolver.prototype, 'probe', method('probe'));
Root()(PlainFieldsProbeResolver.prototype, 'computed', 0);
FieldResolver(() => String)(PlainFieldsProbeResolver.prototype, 'computed', method('computed'));
Resolver(() => PlainFieldsProbe)(PlainFieldsProbeResolver);

describe('plain fields', () => {
  const schema = buildSchemaSync({ resolvers: [PlainFieldsProbeResolver], authChecker: () => false, validate: false });
  const changed = useDefaultResolversForPlainFields(schema);
  const fields = (schema.getType('PlainFieldsProbe') as import('graphql').GraphQLObjectType).getFields();

  it('resolve by the default resolver only when type-graphql would check nothing', () => {
    expect(changed).toBe(1);
    expect(fields.plain!.resolve).toBeUndefined();
    expect(fields.guarded!.resolve).toBeTypeOf('function');
    expect(fields.renamed!.resolve).toBeTypeOf('function');
    expect(fields.computed!.resolve).toBeTypeOf('function');
  });

  it('still answer the same, and a field with roles is still refused', async () => {
    const open = await graphql({ schema, source: '{ probe { plain renamed computed } }', contextValue: {} });
    expect(open).toEqual({ data: { probe: { plain: 'p', renamed: 'o', computed: 'stored+resolved' } } });
    const guarded = await graphql({ schema, source: '{ probe { guarded } }', contextValue: {} });
    expect(guarded.errors?.[0]?.message).toMatch(/Access denied/);
  });
});
