/**
 * PGlite whose `query` keeps each statement as a named prepared statement (issue 15).
 *
 * PGlite's own `query` sends every statement unnamed, as six separate calls into its WebAssembly:
 * parse, describe the statement (for the parameter types), bind, describe the portal, execute and
 * sync. So the statement is parsed, analysed and planned again on every call. Here the first call
 * of a text parses it under a name and describes it once (one call); every later call is bind,
 * execute and sync in one call, and Postgres's plan cache may keep a generic plan. The results are
 * built by PGlite's own parser from the same messages, so callers (Drizzle, the retrieval
 * executor) see what `query` gave before. Transactions (`transaction()`) keep PGlite's own path.
 */
import {
  messages,
  PGlite,
  parse,
  protocol,
  type QueryOptions,
  type Results,
} from '@electric-sql/pglite';

const { serialize } = protocol;

/** Statements kept at most; the least recently used is closed beyond that. */
export const KEPT_MAX = 100;

/**
 * Codes after which a kept statement is made again: its result type changed under it (a
 * migration: "cached plan must not change result type"), or it is gone (`DEALLOCATE`).
 */
const STALE_CODES = new Set(['0A000', '26000']);

interface Kept {
  name: string;
  paramTypes: number[];
  /** What the statement returns; undefined when it returns no rows. */
  row: messages.RowDescriptionMessage | undefined;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export class PreparedPGlite extends PGlite {
  /** By statement text, least recently used first (Map keeps insertion order). */
  readonly #kept = new Map<string, Kept>();
  /** Names to close with the next parse (evicted or stale). */
  #closing: string[] = [];
  #nextName = 0;

  override async query<T>(
    text: string,
    params: unknown[] = [],
    options?: QueryOptions,
  ): Promise<Results<T>> {
    // Given parameter types or a file, PGlite's own path (neither is used on our hot path).
    if (options?.paramTypes || options?.blob) return super.query<T>(text, params, options);
    await this._checkReady();
    // The same two locks as PGlite's query: never beside another query or a transaction.
    return this._runExclusiveTransaction(() =>
      this._runExclusiveQuery(async () => {
        try {
          return await this.#run<T>(text, params, options).catch((e: unknown) => {
            if (!(e instanceof messages.DatabaseError) || !STALE_CODES.has(e.code ?? '')) throw e;
            this.#forget(text);
            return this.#run<T>(text, params, options);
          });
        } catch (e) {
          // As PGlite's query reports a database error: with the statement and its parameters.
          if (e instanceof messages.DatabaseError)
            Object.assign(e, { query: text, params, queryOptions: options });
          throw e;
        }
      }),
    );
  }

  async #run<T>(text: string, params: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const kept = this.#kept.get(text) ?? (await this.#prepare(text, options));
    // Most recently used last.
    this.#kept.delete(text);
    this.#kept.set(text, kept);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = kept.paramTypes[i] as number;
      const serializer = options?.serializers?.[oid] ?? this.serializers[oid];
      return serializer ? serializer(param) : String(param);
    });
    await this._handleBlob(undefined);
    const replies = await this.execProtocolStream(
      concat([
        serialize.bind({ statement: kept.name, values }),
        serialize.execute(),
        serialize.sync(),
      ]),
      { syncToFs: false, onNotice: options?.onNotice },
    );
    await this._cleanupBlob();
    await this.syncToFs();
    const blob = await this._getWrittenBlob();
    const all = kept.row ? [kept.row, ...replies] : replies;
    // parseResults would copy PGlite's 300-odd parsers into a new object to add the caller's
    // (Drizzle passes some on every query): about 0.1 ms a statement. The caller's over PGlite's
    // by the prototype chain look up the same.
    const base = this.parsers;
    const parsers = options?.parsers
      ? Object.assign(Object.create(base) as typeof base, options.parsers)
      : base;
    const rest = options?.parsers ? { ...options, parsers: undefined } : options;
    return parse.parseResults(all, parsers, rest, blob)[0] as Results<T>;
  }

  /** Parses and describes the statement under a new name, closing any waiting to be closed. */
  async #prepare(text: string, options?: QueryOptions): Promise<Kept> {
    while (this.#kept.size >= KEPT_MAX) {
      const oldest = this.#kept.keys().next().value as string;
      this.#forget(oldest);
    }
    const name = `quento_${this.#nextName++}`;
    const closes = this.#closing.map((n) => serialize.close({ type: 'S', name: n }));
    this.#closing = [];
    const replies = await this.execProtocolStream(
      concat([
        ...closes,
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false, onNotice: options?.onNotice },
    );
    const described = replies.find((m) => m.name === 'parameterDescription') as
      | messages.ParameterDescriptionMessage
      | undefined;
    const row = replies.find((m) => m.name === 'rowDescription') as
      | messages.RowDescriptionMessage
      | undefined;
    const kept = { name, paramTypes: described?.dataTypeIDs ?? [], row };
    this.#kept.set(text, kept);
    return kept;
  }

  #forget(text: string) {
    const kept = this.#kept.get(text);
    if (!kept) return;
    this.#kept.delete(text);
    this.#closing.push(kept.name);
  }
}
