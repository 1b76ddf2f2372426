"use client";

import * as React from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signIn } from "@/lib/auth-client";
import { AuthCard, FormAlert } from "./auth-card";

function messageFor(error: { code?: string; message?: string; status?: number }): string {
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
      return "Wrong email or password.";
    case "BANNED_USER":
      return "This account is suspended. Contact your platform administrator.";
    case "INVALID_EMAIL":
      return "Enter a valid email address.";
  }
  if (error.status === 429) return "Too many attempts. Wait a minute and try again.";
  return error.message || "Could not sign in. Try again.";
}

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);
  const signupHref = next === "/" ? "/signup" : `/signup?next=${encodeURIComponent(next)}`;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn.email({ email: String(form.get("email")), password: String(form.get("password")) });
      if (res.error) {
        setError(messageFor(res.error));
        setPending(false);
        return;
      }
      // A full navigation, so server layouts render with the new session and no stale cache survives.
      window.location.assign(next);
    } catch {
      setError("Could not reach the console. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <AuthCard
      title="Sign in to Edgefn"
      subtitle="Welcome back. Sign in to deploy and manage your functions."
      footer={
        <>
          No account yet?{" "}
          <Link href={signupHref} className="font-medium text-foreground underline-offset-4 hover:underline">
            Create one
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="grid gap-4">
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Field id="email" label="Email">
          <Input {...fieldA11y("email")} name="email" type="email" autoComplete="email" required autoFocus placeholder="you@company.com" />
        </Field>
        <Field id="password" label="Password">
          <Input {...fieldA11y("password")} name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="mt-1 w-full" loading={pending}>
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
