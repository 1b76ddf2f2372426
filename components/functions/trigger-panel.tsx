"use client";

import * as React from "react";
import Link from "next/link";
import { ExternalLink, Globe } from "lucide-react";
import { OverlapList } from "@/components/domains/overlap-list";
import { RolloutPanel } from "@/components/domains/rollout-panel";
import { RouteForm } from "@/components/domains/route-form";
import { RouteTester } from "@/components/domains/route-tester";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { ErrorState } from "@/components/ui/error-state";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useDomains } from "@/lib/queries/domains/list-domains";

type Props = { url: string; live: boolean; tenant: string; fn: string; canEdit: boolean };

/** How requests reach the function: its default URL, the routes on the tenant's domains, and a gradual rollout. */
export function TriggerPanel({ url, live, tenant, fn, canEdit }: Props) {
  const host = new URL(url).host.replace(/:\d+$/, "");
  const port = new URL(url).port || "80";
  return (
    <section className="grid max-w-4xl gap-8">
      <div className="grid gap-2">
        <h3 className="text-base font-semibold">Default URL</h3>
        <p className="text-sm text-muted-foreground">
          {live ? "Every runtime node answers here with the live version." : "Deploy a version first; until then this URL answers 404."}
        </p>
        <div className="flex items-center gap-2">
          <div className="min-w-0 flex-1">
            <CopyField value={url} label="Copy URL" testId="function-url" />
          </div>
          <Button asChild variant="outline">
            <a href={url} target="_blank" rel="noreferrer">
              <ExternalLink />
              Open
            </a>
          </Button>
        </div>
      </div>
      <FunctionRoutes tenant={tenant} fn={fn} canEdit={canEdit} port={port} />
      <div className="grid gap-2">
        <h3 className="text-base font-semibold">Gradual rollout</h3>
        <p className="text-sm text-muted-foreground">Send a share of the requests to another version, compare both side by side, then promote or abort.</p>
        <RolloutPanel tenant={tenant} fn={fn} canEdit={canEdit} />
      </div>
      <div className="grid gap-2">
        <h3 className="text-base font-semibold">Without DNS</h3>
        <p className="text-sm text-muted-foreground">
          Any name under <code className="font-mono text-xs">*.localhost</code> resolves to this machine in most browsers. From scripts, send the Host header to a runtime node:
        </p>
        <CopyField value={`curl -H "Host: ${host}" http://127.0.0.1:${port}/`} label="Copy command" />
      </div>
    </section>
  );
}

/** The routes on the tenant's domains that point at this function, and a form to attach one. */
function FunctionRoutes({ tenant, fn, canEdit, port }: { tenant: string; fn: string; canEdit: boolean; port: string }) {
  const domains = useDomains(tenant);
  const [hostname, setHostname] = React.useState<string>("");
  let body: React.ReactNode;
  if (domains.isPending) body = <Skeleton className="h-16 w-full" />;
  else if (domains.isError) body = <ErrorState title="Could not load the routes" error={domains.error} onRetry={() => domains.refetch()} retrying={domains.isFetching} />;
  else {
    const mine = domains.data.flatMap((d) => d.routeList.filter((r) => r.function === fn).map((r) => ({ d, r })));
    const chosen = hostname || domains.data[0]?.hostname || "";
    body = (
      <>
        {mine.length === 0 ? (
          <p className="text-sm text-muted-foreground">No routes point here yet.</p>
        ) : (
          <ul className="grid gap-2" data-testid="function-routes">
            {mine.map(({ d, r }) => (
              <li key={r.id} className="grid gap-1 rounded-md border p-2.5 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-[13px]">
                    {d.hostname}
                    {r.pattern}
                  </code>
                  <Badge variant="outline">{r.methods ? r.methods.join(", ") : "all methods"}</Badge>
                  {r.priority ? <Badge variant="outline">priority {r.priority}</Badge> : null}
                  {d.verified ? null : <Badge variant="warning">domain not verified</Badge>}
                  {d.verified && !d.wildcard ? <span className="text-xs text-muted-foreground">curl -H &quot;Host: {d.hostname}&quot; http://127.0.0.1:{port}{r.pattern.replace(/\*$/, "").replace(/:\w+/g, "1")}</span> : null}
                </div>
                {r.overlaps.length > 0 ? <OverlapList overlaps={r.overlaps} /> : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit && domains.data.length > 0 ? (
          <div className="grid gap-2">
            <Select value={chosen} onValueChange={setHostname}>
              <SelectTrigger className="w-72" aria-label="Domain for a new route">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {domains.data.map((d) => (
                  <SelectItem key={d.id} value={d.hostname}>
                    {d.hostname}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {chosen ? <RouteForm key={chosen} tenant={tenant} hostname={chosen} functions={[fn]} fixedFunction={fn} /> : null}
          </div>
        ) : null}
        {domains.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            <Globe className="mr-1 inline size-3.5" aria-hidden />
            Add a domain on the{" "}
            <Link className="underline underline-offset-2" href={`/${tenant}/domains`}>
              Domains page
            </Link>{" "}
            to route your own hostnames here.
          </p>
        ) : null}
      </>
    );
  }
  return (
    <div className="grid gap-3">
      <h3 className="text-base font-semibold">Routes</h3>
      {body}
      <RouteTester tenant={tenant} />
    </div>
  );
}
