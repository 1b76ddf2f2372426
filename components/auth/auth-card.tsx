import * as React from "react";

/** The white card every auth screen sits in, with its title, subtitle and footer link. */
export function AuthCard({ title, subtitle, footer, children }: { title: string; subtitle: React.ReactNode; footer: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      <div className="rounded-xl border bg-card p-7 shadow-sm">
        <div className="mb-6 grid gap-1.5 text-center">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          <p className="text-sm text-muted-foreground">{subtitle}</p>
        </div>
        {children}
      </div>
      <p className="mt-6 text-center text-sm text-muted-foreground">{footer}</p>
    </>
  );
}

export function FormAlert({ children }: { children: React.ReactNode }) {
  return (
    <div role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {children}
    </div>
  );
}
