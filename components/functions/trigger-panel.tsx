import { ExternalLink } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";

/** How requests reach the function: its default URL, and the same through the Host header. */
export function TriggerPanel({ url, live }: { url: string; live: boolean }) {
  const host = new URL(url).host.replace(/:\d+$/, "");
  const port = new URL(url).port || "80";
  return (
    <section className="grid max-w-3xl gap-6">
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
