import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { Logo } from "@/components/brand/logo";
import { UserMenu } from "@/components/console/user-menu";
import { HydrateMe } from "@/components/hydrate-me";
import { CreateTenantForm } from "@/components/tenants/create-tenant-form";
import { requireServerMe } from "@/lib/queries/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create tenant" };

export default async function NewTenantPage() {
  const me = await requireServerMe("/new");
  const first = me.tenants.length === 0;
  return (
    <HydrateMe me={me}>
      <div className="flex min-h-screen flex-col bg-zinc-50">
        <header className="flex h-14 items-center justify-between border-b bg-background px-6">
          <Link href="/">
            <Logo />
          </Link>
          <UserMenu compact />
        </header>
        <main className="flex flex-1 items-start justify-center px-4 pt-16 pb-12 sm:pt-24">
          <div className="w-full max-w-md">
            {first ? null : (
              <Link href="/" className="mb-6 inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
                <ArrowLeft className="size-4" aria-hidden />
                Back to the console
              </Link>
            )}
            <div className="rounded-xl border bg-card p-7 shadow-sm">
              <div className="mb-6 grid gap-1.5">
                <h1 className="text-xl font-semibold tracking-tight">{first ? "Create your first tenant" : "Create a tenant"}</h1>
                <p className="text-sm text-muted-foreground">
                  A tenant holds functions, domains and a team. You become its owner and can invite others afterwards.
                </p>
              </div>
              <CreateTenantForm />
            </div>
            {first ? (
              <p className="mt-6 text-center text-sm text-muted-foreground">
                Joining a team instead? Open the invitation link an owner shared with you.
              </p>
            ) : null}
          </div>
        </main>
      </div>
    </HydrateMe>
  );
}
