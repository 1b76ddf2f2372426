"use client";

import * as React from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, fieldA11y } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signUp } from "@/lib/auth-client";
import { AuthCard, FormAlert } from "./auth-card";

// Mirrors lib/auth.ts (emailAndPassword.minPasswordLength / maxPasswordLength).
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

type Errors = { name?: string; email?: React.ReactNode; password?: string; form?: string };

export function SignupForm({ next }: { next: string }) {
  const [errors, setErrors] = React.useState<Errors>({});
  const [pending, setPending] = React.useState(false);
  const loginHref = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name")).trim();
    const email = String(form.get("email")).trim();
    const password = String(form.get("password"));
    const found: Errors = {};
    if (!name) found.name = "Enter your name.";
    if (password.length < MIN_PASSWORD) found.password = `Use at least ${MIN_PASSWORD} characters.`;
    if (password.length > MAX_PASSWORD) found.password = `Use at most ${MAX_PASSWORD} characters.`;
    setErrors(found);
    if (Object.keys(found).length) return;

    setPending(true);
    try {
      const res = await signUp.email({ name, email, password });
      if (res.error) {
        const code = res.error.code ?? "";
        if (code.startsWith("USER_ALREADY_EXISTS")) {
          setErrors({
            email: (
              <>
                An account with this email already exists.{" "}
                <Link href={loginHref} className="font-medium underline underline-offset-2">
                  Sign in instead
                </Link>
              </>
            ),
          });
        } else if (code === "PASSWORD_TOO_SHORT") setErrors({ password: `Use at least ${MIN_PASSWORD} characters.` });
        else if (code === "PASSWORD_TOO_LONG") setErrors({ password: `Use at most ${MAX_PASSWORD} characters.` });
        else if (code === "INVALID_EMAIL") setErrors({ email: "Enter a valid email address." });
        else setErrors({ form: res.error.message || "Could not create the account. Try again." });
        setPending(false);
        return;
      }
      window.location.assign(next);
    } catch {
      setErrors({ form: "Could not reach the console. Check your connection and try again." });
      setPending(false);
    }
  }

  return (
    <AuthCard
      title="Create your account"
      subtitle="Start deploying functions to the edge in minutes."
      footer={
        <>
          Already have an account?{" "}
          <Link href={loginHref} className="font-medium text-foreground underline-offset-4 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="grid gap-4">
        {errors.form ? <FormAlert>{errors.form}</FormAlert> : null}
        <Field id="name" label="Name" error={errors.name}>
          <Input {...fieldA11y("name", errors.name)} name="name" autoComplete="name" required autoFocus placeholder="Ada Lovelace" />
        </Field>
        <Field id="email" label="Email" error={errors.email}>
          <Input {...fieldA11y("email", errors.email)} name="email" type="email" autoComplete="email" required placeholder="you@company.com" />
        </Field>
        <Field id="password" label="Password" error={errors.password} hint={`At least ${MIN_PASSWORD} characters.`}>
          <Input {...fieldA11y("password", errors.password)} name="password" type="password" autoComplete="new-password" required />
        </Field>
        <Button type="submit" className="mt-1 w-full" loading={pending}>
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
