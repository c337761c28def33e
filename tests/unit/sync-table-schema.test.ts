// Specification of the table's definition, the check of an existing table, and the messages a person sees when setup fails.
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { assertTableShape, tableDefinition, TableSetupError } from '../../sync/table-schema';
import { describeTableError, prepareTableIfAsked } from '../../sync/table-setup';

const keys = (partition: string, sort: string) => [
  { AttributeName: partition, KeyType: 'HASH' as const },
  { AttributeName: sort, KeyType: 'RANGE' as const },
];

/** What DescribeTable reports for a table made from our own definition. */
function portsideTable(): TableDescription {
  const def = tableDefinition('portside');
  return {
    TableName: 'portside',
    TableStatus: 'ACTIVE',
    KeySchema: def.KeySchema,
    AttributeDefinitions: def.AttributeDefinitions,
    GlobalSecondaryIndexes: def.GlobalSecondaryIndexes?.map((g) => ({ ...g, IndexStatus: 'ACTIVE' })),
  };
}

describe('the table definition', () => {
  it('is on demand, keyed PK/SK, with GSI1 and GSI2 projecting whole items', () => {
    const def = tableDefinition('portside');
    expect(def.BillingMode).toBe('PAY_PER_REQUEST');
    expect(def.KeySchema).toEqual(keys('PK', 'SK'));
    expect(def.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'GSI1', KeySchema: keys('GSI1PK', 'GSI1SK'), Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'GSI2', KeySchema: keys('GSI2PK', 'GSI2SK'), Projection: { ProjectionType: 'ALL' } },
    ]);
    expect(def.AttributeDefinitions?.every((a) => a.AttributeType === 'S')).toBe(true);
  });

  it('accepts a table made from it', () => {
    expect(() => assertTableShape(portsideTable(), 'portside')).not.toThrow();
  });

  it('names an index keyed differently, or projecting less than whole items', () => {
    const table = portsideTable();
    const [gsi1, gsi2] = table.GlobalSecondaryIndexes ?? [];
    const changed: TableDescription = {
      ...table,
      GlobalSecondaryIndexes: [
        { ...gsi1, KeySchema: [{ AttributeName: 'GSI1PK', KeyType: 'HASH' }] },
        { ...gsi2, Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
    };
    expect(() => assertTableShape(changed, 'portside')).toThrow(TableSetupError);
    expect(() => assertTableShape(changed, 'portside')).toThrow(
      /index GSI1 is keyed GSI1PK \(HASH, S\); Portside needs GSI1PK \(HASH, S\) \+ GSI1SK \(RANGE, S\); index GSI2 projects KEYS_ONLY; Portside needs ALL/,
    );
  });

  it('refuses numeric keys', () => {
    const table = portsideTable();
    const numericSk = table.AttributeDefinitions?.map((a) => (a.AttributeName === 'SK' ? { ...a, AttributeType: 'N' as const } : a));
    expect(() => assertTableShape({ ...table, AttributeDefinitions: numericSk }, 'portside')).toThrow(
      /its key is PK \(HASH, S\) \+ SK \(RANGE, N\)/,
    );
  });
});

describe('setup messages', () => {
  const settings = { table: 'portside', region: 'eu-west-1', endpoint: null };
  const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });

  it('turns SDK failures into what to do', () => {
    expect(describeTableError(named('CredentialsProviderError', 'Could not load credentials from any providers'), settings)).toMatch(
      /Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE/,
    );
    expect(describeTableError(new Error('Region is missing'), settings)).toMatch(/set AWS_REGION/);
    expect(describeTableError(named('AccessDeniedException', 'not authorized'), settings)).toMatch(
      /may not create or describe table "portside"/,
    );
    expect(
      describeTableError(named('Error', 'connect ECONNREFUSED 127.0.0.1:8000'), { ...settings, endpoint: 'http://127.0.0.1:8000' }),
    ).toBe('DynamoDB at http://127.0.0.1:8000 could not be reached (connect ECONNREFUSED 127.0.0.1:8000).');
    expect(describeTableError(new TableSetupError('not a Portside table'), settings)).toBe('not a Portside table');
  });

  it('does nothing at start unless PORTSIDE_CREATE_TABLE=1 names a table, and says so when the name is missing', () => {
    const logged: string[] = [];
    const log = (line: string): number => logged.push(line);
    const config = { createTable: false, table: 'portside', region: null, dynamodbEndpoint: null };
    expect(prepareTableIfAsked(config, log)).toBeNull();
    expect(logged).toEqual([]);
    expect(prepareTableIfAsked({ ...config, createTable: true, table: null }, log)).toBeNull();
    expect(logged).toEqual([expect.stringMatching(/PORTSIDE_CREATE_TABLE=1 but no PORTSIDE_TABLE is set/)]);
  });
});
