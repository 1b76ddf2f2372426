"use client";

import * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changesBetween } from "@/lib/editor/diff";
import { useVersion } from "@/lib/queries/functions/get-version";
import { cn } from "@/lib/utils";

type Props = {
  tenant: string;
  fn: string;
  liveVersion: number | null;
  files: Record<string, string>;
  entry: string;
  open: boolean;
  pending: boolean;
  onOpenChange(open: boolean): void;
  onDeploy(message: string): void;
};

/** Asks once, showing exactly what changes against the live version, with a small diff per file. */
export function DeployDialog({ tenant, fn, liveVersion, files, entry, open, pending, onOpenChange, onDeploy }: Props) {
  const [message, setMessage] = React.useState("");
  const live = useVersion(tenant, fn, open ? liveVersion : null);
  const liveFiles = liveVersion === null ? null : (live.data?.files ?? null);
  const ready = liveVersion === null || live.isSuccess;
  const changes = React.useMemo(() => (ready ? changesBetween(liveFiles, files) : []), [ready, liveFiles, files]);
  const entryChanged = live.data ? live.data.entry !== entry : false;

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? onOpenChange(o) : (setMessage(""), onOpenChange(o)))}>
      <DialogContent className="max-w-3xl">
        <form
          className="grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            onDeploy(message.trim());
          }}
        >
          <DialogHeader>
            <DialogTitle>Deploy {fn}</DialogTitle>
            <DialogDescription>
              {liveVersion === null ? "This is the first deployment of this function." : `Compared with the live version ${liveVersion}:`}
            </DialogDescription>
          </DialogHeader>
          {!ready ? (
            <p className="text-sm text-muted-foreground">{live.isError ? `Could not load the live version: ${live.error.message}` : "Loading the live version…"}</p>
          ) : changes.length === 0 && !entryChanged ? (
            <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">No changes: deploying creates a new version identical to the live one.</p>
          ) : (
            <ul data-testid="deploy-changes" className="grid max-h-[50vh] gap-3 overflow-y-auto">
              {entryChanged ? <li className="text-sm">Entry file changes from <code className="font-mono">{live.data?.entry}</code> to <code className="font-mono">{entry}</code>.</li> : null}
              {changes.map((c) => (
                <li key={c.path} className="rounded-md border">
                  <div className="flex items-center gap-2 border-b bg-muted/40 px-3 py-1.5 text-sm">
                    <Badge variant={c.kind === "added" ? "success" : c.kind === "removed" ? "destructive" : "warning"}>{c.kind}</Badge>
                    <code className="font-mono">{c.path}</code>
                    <span className="ml-auto font-mono text-xs">
                      <span className="text-emerald-700">+{c.added}</span> <span className="text-red-700">−{c.removed}</span>
                    </span>
                  </div>
                  {c.hunk.length > 0 ? (
                    <pre className="overflow-x-auto py-1 font-mono text-xs leading-5">
                      {c.hunk.map((l, i) => (
                        <div key={i} className={cn("px-3 whitespace-pre", l.kind === "add" && "bg-emerald-50 text-emerald-900", l.kind === "del" && "bg-red-50 text-red-900")}>
                          {l.kind === "add" ? "+ " : l.kind === "del" ? "- " : "  "}
                          {l.text}
                        </div>
                      ))}
                    </pre>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Field id="deploy-message" label="Message" hint="Optional; shown in the versions list.">
            <Input id="deploy-message" value={message} onChange={(e) => setMessage(e.target.value)} maxLength={500} placeholder="What changed and why" autoFocus />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!ready} data-testid="confirm-deploy">
              Deploy
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
