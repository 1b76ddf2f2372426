"use client";

import * as React from "react";
import { CheckCircle2, Search, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { MethodSelect } from "@/components/ui/method-select";
import { ApiError } from "@/lib/queries/fetch-json";
import { useRouteTest } from "@/lib/queries/domains/test-route";


/** "Which function and version serves this URL?", answered by the same route table the runtime uses. */
export function RouteTester({ tenant, initialUrl = "" }: { tenant: string; initialUrl?: string }) {
  const test = useRouteTest();
  const [url, setUrl] = React.useState(initialUrl);
  const [method, setMethod] = React.useState("GET");
  const r = test.data;
  const err = test.error instanceof ApiError ? (test.error.issueFor("url") ?? test.error.message) : null;

  return (
    <Card data-testid="route-tester">
      <CardHeader>
        <CardTitle>Route tester</CardTitle>
        <CardDescription>Which function and version would serve a URL, with the route that matched.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            test.mutate({ tenant, url: url.trim(), method });
          }}
        >
          <MethodSelect value={method} onChange={setMethod} className="sm:w-28" aria-label="Method" />
          <Input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://shop.example.com/api/cart" aria-label="URL to test" className="font-mono" spellCheck={false} aria-invalid={err ? true : undefined} />
          <Button type="submit" variant="outline" loading={test.isPending} disabled={!url.trim()}>
            <Search />
            Test
          </Button>
        </form>
        {err ? (
          <p role="alert" className="text-[13px] text-destructive">
            {err}
          </p>
        ) : null}
        {r ? (
          <div data-testid="route-test-result" className="grid gap-2 rounded-md border p-3 text-sm">
            <div className="flex items-center gap-2 font-medium">
              {r.matched ? <CheckCircle2 className="size-4 text-emerald-600" aria-hidden /> : <XCircle className="size-4 text-destructive" aria-hidden />}
              {r.message}
            </div>
            {r.function ? (
              <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-[13px]">
                <dt className="text-muted-foreground">Function</dt>
                <dd className="font-mono">{r.function.name}</dd>
                <dt className="text-muted-foreground">Versions</dt>
                <dd className="flex flex-wrap gap-1.5">
                  {r.versions.length === 0 ? <span className="text-muted-foreground">none deployed</span> : null}
                  {r.versions.map((v) => (
                    <Badge key={v.version} variant={v.role === "rollout" ? "warning" : "success"}>
                      v{v.version} · {v.percent}%{v.role === "rollout" ? " (rollout)" : ""}
                    </Badge>
                  ))}
                </dd>
                <dt className="text-muted-foreground">Matched by</dt>
                <dd>
                  {r.via === "default-hostname" ? (
                    "the function's default hostname"
                  ) : r.route ? (
                    <span className="font-mono">
                      {r.domain?.hostname}
                      {r.route.pattern}
                      {r.route.methods ? ` [${r.route.methods.join(", ")}]` : ""}
                      {r.route.priority ? ` priority ${r.route.priority}` : ""}
                    </span>
                  ) : null}
                </dd>
              </dl>
            ) : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
