import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TopFunction } from "@/lib/queries/admin-overview/get-overview";
import { count, ms } from "./format";

const VALUE = {
  requests: { head: "Invocations", show: (f: TopFunction) => count(f.requests) },
  cpu: { head: "CPU time", show: (f: TopFunction) => ms(f.cpuMs) },
  errors: { head: "5xx", show: (f: TopFunction) => `${count(f.status5xx)} (${f.requests ? ((100 * f.status5xx) / f.requests).toFixed(1) : "0"}%)` },
};

/** One ranking of functions across tenants; each links to the tenant's admin page. */
export function TopFunctionsTable({ title, rows, metric }: { title: string; rows: TopFunction[]; metric: keyof typeof VALUE }) {
  const v = VALUE[metric];
  return (
    <Card data-testid={`top-${metric}`}>
      <CardHeader className="pb-2">
        <CardTitle className="text-sm">{title}</CardTitle>
      </CardHeader>
      <CardContent className="px-0 pb-0">
        {rows.length === 0 ? (
          <p className="px-6 pb-4 text-sm text-muted-foreground">None in this range.</p>
        ) : (
          <Table flush>
            <TableHeader>
              <TableRow>
                <TableHead>Function</TableHead>
                <TableHead className="text-right">{v.head}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((f) => (
                <TableRow key={f.functionId}>
                  <TableCell className="max-w-56 truncate">
                    <Link className="text-muted-foreground hover:underline" href={`/admin/tenants/${encodeURIComponent(f.tenantSlug)}`}>
                      {f.tenantSlug}
                    </Link>
                    <span className="text-muted-foreground"> / </span>
                    <span className="font-medium">{f.name}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{v.show(f)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
