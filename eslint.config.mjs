// Schema lint (graphql-eslint's schema rules) over the served schema, schema.graphql. TypeScript and
// JavaScript are linted by Biome (biome.json); this file lints only GraphQL.
import graphql from '@graphql-eslint/eslint-plugin';

export default [
  {
    files: ['schema.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'schema.graphql' } } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      '@graphql-eslint/require-description': ['error', { types: true, rootField: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, DirectiveDefinition: true, ScalarTypeDefinition: true }],
      '@graphql-eslint/relay-connection-types': 'error',
      '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
      '@graphql-eslint/relay-page-info': 'error',
      // Records have a global `id: ID!`; the exceptions are values inside a record (a contact, a line
      // change, a signature), figures computed on reading (scorecards, advice, rankings) and
      // subscription envelopes and a supplier's capability (kept with it), which have no identity of
      // their own to refetch them by.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          acceptedIdNames: ['id'],
          acceptedIdTypes: ['ID'],
          exceptions: {
            suffixes: ['Connection', 'Edge', 'Payload', 'PageInfo', 'Error', 'Update', 'Advice', 'Capability'],
            types: ['CapacityOverload', 'Certification', 'Contact', 'ContractAmendment', 'ContractClause', 'ContractItem', 'ContractRevision', 'CountByKey', 'Dashboard', 'DeliveryLine', 'InspectionState', 'InvoiceDeduction', 'InvoiceLine', 'InvoicePayment', 'LineChange', 'MissingDocument', 'NonconformanceHistoryEntry', 'PartCapacity', 'PayloadWarning', 'RelationshipAdvice', 'RewardPenalty', 'SamplingPlan', 'SatisfactionScore', 'Scorecard', 'Signature', 'SourcedPart', 'SupplierRanking', 'SupplyMaterial'],
          },
        },
      ],
      '@graphql-eslint/known-type-names': 'error',
      '@graphql-eslint/no-unreachable-types': 'error',
      '@graphql-eslint/no-hashtag-description': 'error',
    },
  },
];
