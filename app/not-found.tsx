import Link from "next/link";
import { CenteredShell } from "@/components/brand/centered-shell";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <CenteredShell>
      <div className="rounded-xl border bg-card p-7 text-center shadow-sm" data-testid="not-found">
        <p className="font-mono text-sm text-muted-foreground">404</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-2 text-sm text-muted-foreground">
          This page does not exist, or it belongs to a tenant you are not a member of.
        </p>
        <Button asChild className="mt-6 w-full">
          <Link href="/">Go to the console</Link>
        </Button>
      </div>
    </CenteredShell>
  );
}
