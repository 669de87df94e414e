/**
 * A statement's prelude: PostgreSQL extended-protocol messages (Parse, Bind and Execute of the unnamed
 * statement, no Sync) that postgres.js sends just before a query's own Bind, with the query's Sync
 * after both (patches/postgres+3.4.9.patch, option `prelude`). Messages up to a Sync run as one
 * implicit transaction: what the prelude sets with `set_config(..., true)` holds for the query and
 * ends with it, and if the prelude fails PostgreSQL skips the query up to the Sync, so the query never
 * runs without it. One round trip and one command where BEGIN, the settings, the query and COMMIT took
 * four (src/db/tenancy.ts).
 */
export function prelude(text: string, parameters: readonly string[]): Buffer {
  const query = Buffer.from(text, 'utf8');
  if (query.includes(0)) throw new Error('a prelude statement cannot contain a NUL character');
  const values = parameters.map((value) => {
    const bytes = Buffer.from(value, 'utf8');
    if (bytes.includes(0)) throw new Error('a prelude parameter cannot contain a NUL character');
    return bytes;
  });
  // Parse: unnamed statement, the text, no parameter types given (PostgreSQL infers them).
  const parse = message(0x50, [Buffer.from([0]), query, Buffer.from([0]), int16(0)]);
  // Bind: unnamed portal and statement, every parameter as text, every result column as text.
  const bind = message(0x42, [Buffer.from([0, 0]), int16(0), int16(values.length), ...values.flatMap((v) => [int32(v.length), v]), int16(0)]);
  // Execute: the unnamed portal, all its rows.
  const execute = message(0x45, [Buffer.from([0]), int32(0)]);
  return Buffer.concat([parse, bind, execute]);
}

function message(type: number, parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(5);
  header[0] = type;
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}
