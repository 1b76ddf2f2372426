export type RuntimeAddress = { baseDomain: string; port: number };

/** The address a function answers at without a custom domain: http://<fn>.<tenant>.<base>:<port>/ */
export function functionUrl(fn: string, tenant: string, rt: RuntimeAddress): string {
  const port = rt.port === 80 ? "" : `:${rt.port}`;
  return `http://${fn}.${tenant}.${rt.baseDomain}${port}/`;
}
