const UNIT: Record<string, string> = { cpu: "ms CPU", wall: "ms wall clock", memory: "MB", subrequests: "subrequests", requestBody: "bytes" };
const NAME: Record<string, string> = { cpu: "CPU time", wall: "Wall-clock time", memory: "Memory", subrequests: "Subrequests", requestBody: "Request body size" };

type Request = { method?: string; url?: string; host?: string; headers?: Record<string, string> };

const fmt = (v: unknown) => (typeof v === "number" ? (Number.isInteger(v) ? v.toLocaleString("en-US") : v.toFixed(1)) : String(v ?? "?"));

/** A limit event explained: which limit, its value, what was measured, the request (credentials redacted by the runtime). */
export function LimitDetails({ details }: { details: Record<string, unknown> }) {
  const limit = String(details.limit ?? "");
  const unit = UNIT[limit] ?? "";
  const req = (details.request ?? {}) as Request;
  const headers = Object.entries(req.headers ?? {});
  return (
    <div className="grid gap-2" data-testid="limit-details">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted-foreground">Limit</dt>
        <dd className="font-medium">{NAME[limit] ?? limit}</dd>
        <dt className="text-muted-foreground">Configured</dt>
        <dd className="font-mono">
          {fmt(details.configured)} {unit}
        </dd>
        <dt className="text-muted-foreground">Measured</dt>
        <dd className="font-mono">
          {fmt(details.value)} {unit}
        </dd>
        <dt className="text-muted-foreground">Request</dt>
        <dd className="font-mono break-all">
          {req.method ?? "?"} {req.host ? `${req.host}` : ""}
          {req.url ?? ""}
        </dd>
        <dt className="text-muted-foreground">Stopped at</dt>
        <dd>{typeof details.stack === "string" ? <pre className="overflow-x-auto rounded-md bg-muted p-2 font-mono whitespace-pre">{details.stack}</pre> : <span className="text-muted-foreground">not known: the isolate was stopped from outside</span>}</dd>
      </dl>
      {headers.length ? (
        <table className="w-full max-w-2xl text-left font-mono">
          <caption className="text-left font-sans text-muted-foreground">Request headers (credentials redacted)</caption>
          <tbody>
            {headers.map(([k, v]) => (
              <tr key={k} className="border-t">
                <th scope="row" className="py-0.5 pr-4 font-normal text-muted-foreground">
                  {k}
                </th>
                <td className="py-0.5 break-all">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
