// Hash-route queries as text: splitting "#/orders?status=Draft" and building links with a query (no DOM here).

/** "#/orders?status=Draft" → ["/orders", "status=Draft"]. */
export function splitHash(hash: string): [path: string, search: string] {
  const body = hash.replace(/^#?\/?/, '');
  const at = body.indexOf('?');
  return at < 0 ? [`/${body}`, ''] : [`/${body.slice(0, at)}`, body.slice(at + 1)];
}

/** A path with a query of the given values (empty and undefined ones left out). */
export function withQuery(path: string, params: Readonly<Record<string, string | number | undefined | null>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
